"""The `openai` backend: an LLM through LangChain, with our tools and our policy."""
