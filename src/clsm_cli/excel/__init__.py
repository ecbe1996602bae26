"""Excel grids: exporting a plan in a grid layout, importing an existing grid."""
