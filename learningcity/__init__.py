"""Learning City Platform (منصة مدن التعلم)."""
