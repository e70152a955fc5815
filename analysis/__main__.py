import sys

from .runtime.numeric import pin_numerics

pin_numerics()  # before anything loads numpy: the same numbers on every machine

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line itself loads
    print("interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
