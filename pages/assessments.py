from academy.ui.auth import require_user
from academy.ui.widgets import coming_soon

require_user()
coming_soon("nav_assessments")
