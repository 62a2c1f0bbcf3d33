"""``dikg serve``: the graph in a local Oxigraph SPARQL server.

:mod:`dikg.serve.binary` finds the server program, :mod:`dikg.serve.storedir` prepares the
on-disk store it serves (one named graph per source file), :mod:`dikg.serve.server` starts,
watches and stops the process, and :mod:`dikg.serve.run` ties them together for the command.
"""
