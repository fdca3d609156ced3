"""Domain-free helpers every app may import (ARCHITECTURE.md: the lowest layer):
the page-cache generation key and the structured-data helpers."""
