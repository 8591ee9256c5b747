"""The versioned JSON API; pydantic models live here and nowhere deeper."""
