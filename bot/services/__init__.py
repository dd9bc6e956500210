"""Use cases: what a member asks Goodwill to do, checked, done and recorded, whatever the surface."""
