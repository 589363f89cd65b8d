"""Model adapters: one per backend, registered by name and imported lazily."""
