"""One module per page; each owns an `APIRouter` named `router` and its templates."""
