"""Page view-models: what a template needs (labels, sections, rows, links), built from what followup.app returns."""
