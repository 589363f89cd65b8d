"""Per-family adapters, only where the generic transformers path cannot serve a model."""
