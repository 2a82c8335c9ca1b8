#!/usr/bin/env python3
"""Checks that what doxygen_filter.py shows Doxygen is what the compiler sees.

usage: check_doxygen_filter.py CC -I DIR... HEADER...

Exits 77 (ctest: skipped) when given no header, since nothing was checked.

For each area header, the declarations the filter appends are compiled after the real
header: the accessor, register/validate/get/reset/implements and descriptor declarations
must redeclare the generated ones (a different type is a compile error); the documented
ops struct and op-id enum are compiled under other names and compared member by member
and id by id with the generated ones.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doxygen_filter  # noqa: E402


def check_source(header, text):
    appended = text.rsplit('\n#endif', 1)[1]
    out = [f'#include "{os.path.abspath(header)}"', '#include <stddef.h>']
    decls = re.findall(r'^((?:static inline |extern |int |void |bool )[^;{}]*;)', appended, re.M)
    out += decls
    checks = 0
    for area, body in re.findall(r'^struct axv_(\w+)_ops \{(.*?)^\};', appended, re.M | re.S):
        out.append(f'struct axv_doccheck_{area}_ops {{{body}}};')
        for name in ['hdr'] + re.findall(r'\(\*(\w+)\)', body):
            out.append(f'_Static_assert(__builtin_types_compatible_p(__typeof__(((struct '
                       f'axv_{area}_ops *)0)->{name}), __typeof__(((struct axv_doccheck_{area}'
                       f'_ops *)0)->{name})) && offsetof(struct axv_{area}_ops, {name}) == '
                       f'offsetof(struct axv_doccheck_{area}_ops, {name}), "{area}.{name}");')
            checks += 1
        out.append(f'_Static_assert(sizeof(struct axv_{area}_ops) == sizeof(struct '
                   f'axv_doccheck_{area}_ops), "{area}: documented ops struct has other members");')
    for area, body in re.findall(r'^enum axv_(\w+)_op \{(.*?)^\};', appended, re.M | re.S):
        ids = re.findall(r'^\s*(axv_\w+)', body, re.M)
        out.append(f'enum axv_doccheck_{area}_op {{ {", ".join("doccheck_" + i for i in ids)} }};')
        out += [f'_Static_assert((int)doccheck_{i} == (int){i}, "{i}");' for i in ids]
        checks += len(ids)
    if not decls or not checks:
        sys.exit(f'{header}: the filter appended no declarations')
    return '\n'.join(out) + '\n', len(decls) + checks


def main(argv):
    cc, includes, headers = argv[1], [], []
    args = iter(argv[2:])
    for arg in args:
        if arg == '-I':
            includes.append(next(args))
        else:
            headers.append(arg)
    if not headers:
        print('SKIP: no area header given; nothing checked')
        sys.exit(77)
    failed = 0
    for header in headers:
        with open(header) as f:
            text = doxygen_filter.filter_header(header, f.read(), includes)
        src, checks = check_source(header, text)
        with tempfile.NamedTemporaryFile('w', suffix='.c') as tu:
            tu.write(src)
            tu.flush()
            cmd = [cc, '-std=gnu11', '-fsyntax-only', '-Wall', '-Werror']
            cmd += [f'-I{d}' for d in includes] + [tu.name]
            result = subprocess.run(cmd, capture_output=True, text=True)
        status = 'ok' if result.returncode == 0 else 'FAIL'
        print(f'{status}: {header}: {checks} generated declarations checked')
        if result.returncode:
            print(result.stderr)
            failed += 1
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main(sys.argv)
