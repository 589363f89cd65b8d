"""dsuperb: an open benchmark for instruction-following audio-language models."""

__version__ = "0.1.0"
