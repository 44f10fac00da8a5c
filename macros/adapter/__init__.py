"""The only code that knows MkDocs: the build hooks and the macros hand-written pages call."""
