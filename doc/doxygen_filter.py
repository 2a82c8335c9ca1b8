#!/usr/bin/env python3
"""Doxygen INPUT filter: shows Doxygen what the op-list generators make the compiler see.

Doxygen cannot expand an op list through <axvisor_api/area_declare.h>, so this filter
rewrites headers before Doxygen parses them (usage: doxygen_filter.py [-I DIR]... FILE;
output on stdout). It recognises files by content, so a component-defined area is handled like a
built-in one:

- An op list (a file with `AXV_AREA_BEGIN(area)` lines): only a generated file comment is
  kept, naming the area and listing its ops; the op comments are used where the ops land.
- A generator (a file with `#include AXV_AREA_OPS`): only its leading comment is kept.
- A header with `#define AXV_AREA_OPS <list>` followed by an include of area_declare.h
  (or of the mock platform's fake_declare.h or gmock_area.h): what that generator declares
  is appended, each op's comment on its accessor, ops-struct member or mock method, generic
  comments on the rest, inside the header's first Doxygen group. The list is looked up
  under the header's ancestor directories and the -I directories. Other generators'
  includes (area_define.h, area_impl.h, ...) are blanked: they declare nothing public.

Lines are blanked rather than deleted, so Doxygen's line numbers stay those of the file.
"""
import os
import re
import sys

OPS_DEFINE = re.compile(r'^\s*#\s*define\s+AXV_AREA_OPS\s+<([^>]+)>')
GENERATOR_INCLUDE = re.compile(r'^\s*#\s*include\s+<[^>]*/(\w+)\.h>')
AREA_MARKERS = re.compile(r'^\s*#\s*(define|undef)\s+AXV_(AREA_BUILTIN|AREA_STATIC_PREFIX)\b')
COMMENT_OR_OP = re.compile(r'/\*\*(.*?)\*/|\bAXV_OP\s*\(|\bAXV_AREA_BEGIN\s*\(\s*(\w+)\s*\)', re.S)


def split_top(text):
    """Splits @p text at commas outside parentheses."""
    parts, depth, cur = [], 0, ''
    for ch in text:
        if ch == ',' and depth == 0:
            parts.append(cur.strip())
            cur = ''
            continue
        depth += ch == '('
        depth -= ch == ')'
        cur += ch
    parts.append(cur.strip())
    return parts


def balanced(text, start):
    """Returns the text inside the parentheses opening at text[start - 1], and the end."""
    depth, i = 1, start
    while depth:
        depth += {'(': 1, ')': -1}.get(text[i], 0)
        i += 1
    return text[start:i - 1], i


def comment_lines(body):
    """The lines of a /** */ comment's body, without the leading ' * '."""
    lines = [re.sub(r'^\s*\*? ?', '', line).rstrip() for line in body.strip('*').splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def parse_op_list(text):
    """Returns (area, [op]) where an op is a dict: kind, ret, name, params, doc lines."""
    return parse_op_list_with_doc(text)[:2]


def parse_op_list_with_doc(text):
    """Returns (area, [op], area brief): the brief is the comment before AXV_AREA_BEGIN."""
    area, ops, doc, pos, area_doc = None, [], [], 0, []
    while True:
        m = COMMENT_OR_OP.search(text, pos)
        if not m:
            return area, ops, split_doc(area_doc)[0]
        pos = m.end()
        if m.group(1) is not None:
            doc = comment_lines(m.group(1))
        elif m.group(2):
            area, area_doc, doc = m.group(2), doc, []
        else:
            args, pos = balanced(text, m.end())
            _, kind, ret, name, params = split_top(args)
            fields = split_top(params.strip()[1:-1])
            pairs = [] if fields == ['void'] else list(zip(fields[0::2], fields[1::2]))
            ops.append(dict(kind=kind, ret=ret, name=name, params=pairs, doc=doc))
            doc = []


def prototype(ret, fn, params):
    return f'{ret} {fn}({", ".join(f"{t} {n}" for t, n in params) or "void"})'


def split_doc(doc):
    """Splits an op comment into its brief (without @brief) and the rest."""
    brief, i = [], 0
    while i < len(doc) and (doc[i].startswith('@brief') or (brief and doc[i][:1] not in '@')):
        brief.append(doc[i].replace('@brief', '', 1).strip())
        i += 1
    return ' '.join(brief), doc[i:]


def comment(lines, indent=''):
    if not lines:
        return ''  # an undocumented op stays undocumented, so Doxygen warns about it
    body = '\n'.join(f'{indent} *{" " + l if l else ""}' for l in lines)
    return f'{indent}/**\n{body}\n{indent} */\n'


DEFAULTS = {
    'STATUS': 'returns AXV_ENOSYS',
    'VALUE': 'calls axv_fatal() with "{area}.{name} is not implemented"',
    'VOID': 'calls axv_fatal() with "{area}.{name} is not implemented"',
    'FALLBACK': 'runs axv_{area}_fallback_{name}()',
}


def declare_area(area, ops):
    """The documented C declarations area_declare.h generates for @p area."""
    a = area
    out = [comment([f'@brief Op ids of the {a} area, in list order: for axv_{a}_implements()',
                    f'and generic tooling (axv_{a}_area names them).']), f'enum axv_{a}_op {{\n']
    for op in ops:
        out.append(f'    axv_{a}_op_{op["name"]}, /**< Id of op {a}.{op["name"]}, '
                   f'axv_{a}_{op["name"]}(). */\n')
    out.append(f'    axv_{a}_num_ops /**< Number of ops of the {a} area. */\n}};\n\n')
    out.append(comment([
        f'@brief Ops table of the {a} area: what a platform fills and hands to',
        f'axv_{a}_register() (or to axv_platform_install() for a built-in area).', '',
        f'Set `hdr` with AXV_OPS_HDR_INIT(struct axv_{a}_ops); a NULL member leaves the op',
        f'its default. Callers use the accessors, never the members.']))
    out.append(f'struct axv_{a}_ops {{\n    /** @brief ABI header: AXV_OPS_HDR_INIT(struct '
               f'axv_{a}_ops). */\n    struct axv_ops_hdr hdr;\n')
    for op in ops:
        see = [f'@see Called through axv_{a}_{op["name"]}().'] if op['doc'] else []
        out.append(comment(op['doc'] + see, '    '))
        plist = ', '.join(f'{t} {n}' for t, n in op['params']) or 'void'
        out.append(f'    {op["ret"]} (*{op["name"]})({plist});\n')
    out.append('};\n\n')
    out.append(comment([
        f'@brief Descriptor of the {a} area: its name, op names and registry storage.',
        '@note Read-only; any context.']))
    out.append(f'extern const struct axv_area_desc axv_{a}_area;\n\n')
    boot = '@note Boot-time: not synchronised with accessor calls on other CPUs or threads.'
    out.append(comment([
        f'@brief Installs a {a} ops table: its non-NULL ops replace the ones in effect.', '',
        'The table is validated before anything is written, so a refused table changes',
        f'nothing; ops the table lacks or leaves NULL get their defaults back.',
        '@param ops The table.',
        '@return AXV_OK; AXV_EINVAL for a NULL @p ops; AXV_EVERSION for a header not from',
        f'        AXV_OPS_HDR_INIT(struct axv_{a}_ops) or a larger table than this library\'s;',
        '        AXV_EPERM after axv_api_seal(); AXV_ENOMEM when AXV_MAX_AREAS areas are',
        '        already tracked.', boot]))
    out.append(f'int axv_{a}_register(const struct axv_{a}_ops *ops);\n\n')
    out.append(comment([
        f'@brief Checks a {a} ops table as axv_{a}_register() would, installing nothing.',
        '@param ops The table.', f'@return What axv_{a}_register() would return.', boot]))
    out.append(f'int axv_{a}_validate(const struct axv_{a}_ops *ops);\n\n')
    out.append(comment([
        f'@brief Copies the {a} table in effect out; registering the copy restores exactly',
        'that state (defaults stay defaults).',
        '@param out Receives the table, with a current header.',
        '@return AXV_OK; AXV_EINVAL for a NULL @p out.',
        '@note Reads the registry; not synchronised with concurrent registration.']))
    out.append(f'int axv_{a}_get(struct axv_{a}_ops *out);\n\n')
    out.append(comment([
        f'@brief Puts every op of the {a} area back to its default.',
        '@return AXV_OK; AXV_EPERM after axv_api_seal(); AXV_ENOMEM when the area cannot be',
        '        tracked.', boot]))
    out.append(f'int axv_{a}_reset(void);\n\n')
    out.append(comment([
        f'@brief Tells whether op @p op of the {a} area comes from a registered table rather',
        'than its default (in static binding: whether @p op is an op id at all).',
        f'@param op The op\'s id, axv_{a}_op_<op>.',
        '@return true when implemented; false for defaults and out-of-range ids.',
        '@note Any context; thread-safe once registration is over.']))
    out.append(f'static inline bool axv_{a}_implements(enum axv_{a}_op op);\n\n')
    for op in ops:
        fn, name = f'axv_{a}_{op["name"]}', op['name']
        default = DEFAULTS[op['kind']].format(area=a, name=name)
        if op['kind'] == 'FALLBACK' and op['doc']:
            brief, rest = split_doc(op['doc'])
            out.append(comment([f'@brief Fallback of {fn}(), which runs when no registered table',
                                f'implements op {a}.{name}; defined by the area\'s author.',
                                '', f'The op: {brief}'] + rest))
            out.append(prototype(op['ret'], f'axv_{a}_fallback_{name}', op['params']) + ';\n\n')
        out.append(comment(op['doc'] and op['doc'] + [
            f'@par Binding', f'Op {a}.{name}: one indirect call through the registry (one direct',
            'call in static binding). When no registered table implements the op, it',
            f'{default}.']))
        out.append(f'static inline {prototype(op["ret"], fn, op["params"])};\n\n')
    return ''.join(out)


def declare_fakes(area, ops):
    """The documented declarations <axvisor_api/mock/fake_declare.h> generates."""
    a, out = area, []
    for op in ops:
        o, ret = f'axv_fake_{a}_{op["name"]}', op['ret']
        what = f'op {a}.{op["name"]} (axv_{a}_{op["name"]}())'
        out.append(comment([f'@brief The arguments of one call of {what}.']))
        out.append('typedef struct {\n')
        for t, n in op['params']:
            out.append(f'    {t} {n}; /**< The call\'s `{n}`. */\n')
        if not op['params']:
            out.append('    char no_args; /**< Placeholder: the op has no parameters. */\n')
        out.append(f'}} {o}_args_t;\n')
        out.append(comment([f'@brief The return type of {what}.']) + f'typedef {ret} {o}_ret_t;\n')
        out.append(comment([f'@brief The function type of {what}.']))
        out.append(f'typedef {prototype(ret, o + "_fn_t", op["params"])};\n')
        out.append(comment([f'@brief State of the fake of {what}: what it recorded and what it',
                            'returns (see <axvisor_api/mock/fake_declare.h>).']))
        out.append(f'struct {o} {{\n'
                   '    unsigned call_count; /**< Calls since the last reset. */\n'
                   f'    {o}_args_t last; /**< Arguments of the latest call. */\n'
                   f'    {o}_args_t history[AXV_FAKE_HISTORY]; /**< Args of the first calls. */\n'
                   '    unsigned history_dropped; /**< Calls that did not fit in `history`. */\n'
                   f'    {o}_fn_t *custom; /**< When set, called for the result. */\n')
        if op['kind'] != 'VOID':
            out.append(f'    {o}_ret_t return_value; /**< The result when no sequence is set. */\n'
                       f'    const {o}_ret_t *return_seq; /**< Results handed out in order. */\n'
                       '    size_t return_seq_len; /**< Length of `return_seq`. */\n'
                       '    size_t return_seq_pos; /**< Elements of `return_seq` handed out. */\n')
        out.append('};\n')
        out.append(comment([f'@brief The fake of {what}: read and program it in tests.']))
        out.append(f'extern struct {o} {o};\n\n')
    out.append(comment([f'@brief A {a} ops table whose every op is its fake; register it with',
                        f'axv_{a}_register().']))
    out.append(f'extern const struct axv_{a}_ops axv_fake_{a}_ops;\n')
    out.append(comment([f'@brief Resets every fake of the {a} area (counts, history, results).',
                        '@note Not while another thread calls a fake of the area.']))
    out.append(f'void axv_fake_{a}_reset(void);\n\n')
    return ''.join(out)


def declare_gmock(area, ops):
    """The documented class <axvisor_api/mock/gmock_area.h> generates (C++)."""
    a = area
    out = ['namespace axv {\nnamespace mock {\n', comment([
        f'@brief gMock class of the {a} area: one mock method per op, named as the op.', '',
        'Install an instance for a scope with axv::mock::scoped_install.']),
        f'class {a} {{\n  public:\n    /** @brief This class, for scoped_install\'s deduction. */\n'
        f'    using area_type = {a};\n', comment([
            f'@brief The C table whose ops forward to the installed {a} mock.',
            '@return The table of trampolines, built once.'], '    '),
        f'    static const struct axv_{a}_ops &ops_table();\n']
    for op in ops:
        plist = ', '.join(f'{t} {n}' for t, n in op['params'])
        out.append(comment(op['doc'] and op['doc'] + ['@par Mock', 'Mocked with `MOCK_METHOD`: '
                                                      f'`EXPECT_CALL(mock, {op["name"]}(...))`.'],
                           '    '))
        out.append(f'    {op["ret"]} {op["name"]}({plist});\n')
    return ''.join(out) + '};\n}\n}\n'


GENERATORS = {'area_declare': declare_area, 'fake_declare': declare_fakes,
              'gmock_area': declare_gmock}


def op_list_file(path, text):
    """An op list reduced to a file comment; its ops are documented where they land."""
    area, ops = parse_op_list(text)
    lead = re.match(r'\s*/\*(.*?)\*/', text, re.S)
    lines = [f'@file', f'@brief Op list of the {area} area: each op written once, with its',
             'documentation (data for the generators, never included directly).', '']
    lines += [l for l in comment_lines(lead.group(1)) if l] if lead else []
    lines += ['', 'Ops, in id order:'] + [f'- axv_{area}_{op["name"]}() ({op["kind"]})'
                                          for op in ops]
    blank = '\n' * text.count('\n')
    return comment(lines) + blank[comment(lines).count('\n'):]


def find_list(rel, path, include_dirs):
    if os.path.isabs(rel):
        return rel
    d = os.path.dirname(os.path.abspath(path))
    candidates = list(include_dirs)
    while True:
        candidates.append(d)
        parent = os.path.dirname(d)
        if parent == d:
            break
        d = parent
    for root in candidates:
        if os.path.isfile(os.path.join(root, rel)):
            return os.path.join(root, rel)
    raise LookupError(f'op list <{rel}> not found (give its include root with -I)')


LIST_INCLUDE = re.compile(r'^\s*#\s*include\s+<([^>]+)>', re.M)


def is_area_list(text):
    """The list of built-in areas: op-list includes, expanded by the generators."""
    return re.search(r'^\s*#\s*ifndef\s+AXV_OP\b', text, re.M) and not AREA_BEGIN_LINE.search(text)


def areas_of(rel, path, include_dirs):
    """(area, ops, brief) for every area an op list, or a list of op lists, defines."""
    with open(find_list(rel, path, include_dirs)) as f:
        text = f.read()
    if not is_area_list(text):
        return [parse_op_list_with_doc(text)]
    lists = [inc for inc in LIST_INCLUDE.findall(text) if inc != 'axvisor_api/config.h']
    # An include through a macro names a file the build configuration chose (config.h).
    for macro in re.findall(r'^\s*#\s*include\s+([A-Z_]+)\s*$', text, re.M):
        with open(find_list('axvisor_api/config.h', path, include_dirs)) as f:
            chosen = re.search(r'#\s*define\s+' + macro + r'\s+"([^"]+)"', f.read())
        if chosen:
            lists.append(chosen.group(1))
    return [a for inc in lists for a in areas_of(inc, path, include_dirs)]


EACH_AREA_DEFINE = re.compile(r'^\s*#\s*define\s+AXV_EACH_AREA\((\w+)\)\s*(.*)$')
EACH_AREA_INCLUDE = re.compile(r'^\s*#\s*include\s+<axvisor_api/each_area\.h>')


def expand_each_area(param, body, areas):
    """What `#define AXV_EACH_AREA(param) body` + each_area.h expands to, documented."""
    out = []
    for area, _, brief in areas:
        text = re.sub(r'\s*##\s*', '', re.sub(r'\b' + param + r'\b', area, body))
        text = re.sub(r'#' + area + r'\b', f'"{area}"', text)
        doc = f' /**< The {area} area{": " + brief if brief else ""} */'
        out.append(text + (doc if text.rstrip().endswith((',', ';')) else ''))
    return ' '.join(out)


def filter_header(path, text, include_dirs):
    lines = text.split('\n')
    if AREA_BEGIN_LINE.search(text):
        return op_list_file(path, text)
    if is_area_list(text) or re.search(r'^\s*#\s*ifndef\s+AXV_EACH_AREA\b', text, re.M) or \
            re.search(r'^\s*#\s*include\s+AXV_AREA_OPS\b', text, re.M):
        lead = re.match(r'\s*/\*\*.*?\*/', text, re.S)
        keep = lead.group(0) if lead else ''
        return keep + '\n' * (text.count('\n') - keep.count('\n'))
    appended, pending, each = [], None, None
    for i, line in enumerate(lines):
        d = EACH_AREA_DEFINE.match(line)
        if d:
            body, j = d.group(2), i
            lines[i] = ''
            while body.endswith('\\'):
                j += 1
                body = body[:-1] + ' ' + lines[j].strip()
                lines[j] = ''
            each = (d.group(1), body.strip())
            continue
        if EACH_AREA_INCLUDE.match(line) and each:
            lines[i] = expand_each_area(*each, areas_of('axvisor_api/builtin_areas.h', path,
                                                        include_dirs))
            each = None
            continue
        m = OPS_DEFINE.match(line)
        if m:
            pending = m.group(1)
            lines[i] = ''
            continue
        if AREA_MARKERS.match(line):
            lines[i] = ''
            continue
        g = GENERATOR_INCLUDE.match(line)
        if g and pending:
            if g.group(1) in GENERATORS:
                areas = areas_of(pending, path, include_dirs)
                for area, ops, brief in areas:
                    decls = GENERATORS[g.group(1)](area, ops)
                    if len(areas) > 1 and g.group(1) == 'area_declare':
                        # Each built-in area is a group of its own.
                        decls = (f'/** @defgroup axv_area_{area} {area.capitalize()} area\n'
                                 f' * @ingroup axv_areas\n * @brief {brief}\n * @{{\n */\n'
                                 f'{decls}/** @}} */\n')
                    appended.append(decls)
            lines[i] = ''
            pending = None
    if not appended:
        return '\n'.join(lines)
    group = re.search(r'[@\\](?:defgroup|addtogroup)\s+(\w+)', text)
    body = ''.join(appended)
    if group:
        body = f'/** @addtogroup {group.group(1)}\n * @{{\n */\n{body}/** @}} */\n'
    return '\n'.join(lines) + '\n' + body


AREA_BEGIN_LINE = re.compile(r'^\s*AXV_AREA_BEGIN\s*\(', re.M)


def main(argv):
    include_dirs, files = [], []
    args = iter(argv[1:])
    for arg in args:
        if arg == '-I':
            include_dirs.append(next(args))
        else:
            files.append(arg)
    for path in files:
        with open(path) as f:
            text = f.read()
        try:
            out = filter_header(path, text, include_dirs) if path.endswith('.h') else text
        except Exception as e:  # Doxygen ignores a filter's exit status: make it warn instead.
            print(f'{path}: doxygen_filter.py: {e!r}', file=sys.stderr)
            out = f'/** @file\n @doxygen_filter_failed {e!r} */\n'
        sys.stdout.write(out)


if __name__ == '__main__':
    main(sys.argv)
