"""Hand-written phrasings per language for the arinbox eval datasets."""
