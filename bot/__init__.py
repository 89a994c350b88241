"""aitl: the AI Tech Lead role guide, answerable in Slack and on the command line."""

import os

# One BLAS thread per calling thread. Each question's matrix work is small (one row against ten
# thousand examples, about 1 ms on one core); numpy's default of a BLAS thread per core made it
# 5-7 ms when the cores were busy (measured), and a server answers from several threads at once.
# Set before numpy is first imported; an operator's own setting wins.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

__version__ = "0.1.0"
