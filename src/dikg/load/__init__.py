"""``dikg load``: push the built graph into a SPARQL store through the standard protocols.

:mod:`dikg.load.payload` turns the graph's files into the graphs to send,
:mod:`dikg.load.credentials` finds the store's credentials, :mod:`dikg.load.http` sends
requests with retries and plain-language errors, :mod:`dikg.load.protocols` speaks the SPARQL
1.1 Graph Store HTTP Protocol and SPARQL 1.1 Update, :mod:`dikg.load.verify` counts what the
store holds afterwards, and :mod:`dikg.load.run` ties them together for the command.
"""
