"""The shared vocabulary: task types, the metric catalogue, input kinds, and how instructions and
answers are read (answer options, text folding).

Every layer may import this package; it imports nothing else of ours, so validation, baselines,
judges and scorers can share it without reaching into one another.
"""
