"""The site from the model: pages, the API files, search entries, history and repository links. Knows nothing of MkDocs."""
