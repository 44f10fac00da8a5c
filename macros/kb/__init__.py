"""The knowledge base: data files read, checked against their schemas and rules, and turned into the model. Knows nothing of pages."""
