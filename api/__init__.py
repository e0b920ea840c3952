"""The FastAPI app: the JSON API and the collectors' and managers' web pages."""
