"""Validation rules for task cards and for the datasets behind them; each yields findings."""
