"""Domain rules as plain functions: no Slack, no SQL."""
