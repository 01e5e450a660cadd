"""Read models for the pages: each gathers what one page shows by calling the services."""
