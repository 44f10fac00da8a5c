"""The contributor commands: make check, new, fields, schemas and build."""
