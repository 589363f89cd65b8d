"""Infrastructure every layer shares: JSON and JSONL files, schemas, hashes, error text, tables,
and the chat-completions client. Nothing here knows about tasks, models or scores."""
