"""The Renault precode, by its old name: the module is now :mod:`radiocode.radios.renault`.

Kept so that every ``from radiocode.precode import ...`` goes on working; the
two names are the same module object, private helpers included.

>>> import radiocode.precode, radiocode.radios.renault
>>> radiocode.precode is radiocode.radios.renault
True
"""

import sys

from radiocode.radios import renault

sys.modules[__name__] = renault
