"""Documents kept as attachments: the bytes as uploaded, with their SHA-256, never changed."""
