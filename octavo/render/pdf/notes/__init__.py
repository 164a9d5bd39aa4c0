"""Every note on the page of its call: read the layout, hold WeasyPrint back, fix up."""
