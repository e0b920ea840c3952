"""Understanding and acting: parse, match, triage, policy, drafting and the pipeline."""
