"""``python -m appealdesk.i18n``: compile every .po catalog into its .mo file."""

import sys

from appealdesk.i18n.catalogs import compile_all
from appealdesk.paths import translations_dir

for path in compile_all():
    print(f"compiled {path.relative_to(translations_dir())}", file=sys.stderr)
