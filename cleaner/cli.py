def main(argv=None):
    import sys

    from . import clean

    sys.stdout.write(clean(sys.stdin.read()))
