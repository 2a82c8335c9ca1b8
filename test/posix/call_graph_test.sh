#!/bin/sh
# The posix platform's files call each other only downwards (posix_parts.h draws the
# layers): from the symbols each object of the archive defines and the ones it uses, list
# the file-to-file call edges and let tsort find any loop.
# usage: call_graph_test.sh NM ARCHIVE. Exit 0: no loop; 1: a loop (printed); 77: nothing
# examined.
set -eu
nm_tool=$1
archive=$2
symbols=$(mktemp)
edges=$(mktemp)
trap 'rm -f "$symbols" "$edges"' EXIT

# "archive[member.o]: symbol TYPE ..." (POSIX format, GNU and LLVM nm alike) -> "member TYPE symbol"
"$nm_tool" -A -P "$archive" |
    sed -n 's/^[^[]*\[\([^]]*\)\.o\]: \([^ ]*\) \([A-Za-z]\).*/\1 \3 \2/p' >"$symbols"

# A global definition (upper-case type other than U) is where the symbol lives; an undefined
# reference (U) from another member is an edge user -> definer.
awk '$2 != "U" && $2 ~ /^[A-Z]$/ { home[$3] = $1; next }
     $2 == "U" { uses[NR] = $1 " " $3 }
     END { for (i in uses) { split(uses[i], u, " ");
               if ((u[2] in home) && home[u[2]] != u[1]) print u[1], home[u[2]] } }' \
    "$symbols" "$symbols" | sort -u >"$edges"

members=$(cut -d' ' -f1 "$symbols" | sort -u | wc -l)
if [ "$members" -lt 2 ] || [ ! -s "$edges" ]; then
    echo "SKIP: $members objects and no call between them in $archive"
    exit 77
fi
if ! order=$(tsort "$edges" 2>&1 >/dev/null) || [ -n "$order" ]; then
    echo "FAIL: the posix platform's files call each other in a loop:"
    echo "$order"
    echo "edges (caller callee):"
    cat "$edges"
    exit 1
fi
echo "OK: $members files, $(wc -l <"$edges") call edges, no loop; callers before callees:"
tsort "$edges" | tr '\n' ' '
echo
