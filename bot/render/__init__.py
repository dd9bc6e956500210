"""Block Kit builders, one module per surface; all text echoed into Slack goes through `escape`."""
