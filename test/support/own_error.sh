# Sourced by the header checks (test/headers, test/gmock): tells whether a failed compile
# stopped where a header meant it to.
#
# first_error_is_own HEADER LOG: true when the first "path:line:col: error:" (or "fatal
# error:") diagnostic in LOG is reported at an #error directive of the file HEADER.
first_error_is_own() {
    local header=$1 log=$2 where err_file err_line
    where=$(grep -m1 -E '^[^ :]+:[0-9]+:[0-9]+: (fatal )?error:' "$log" || true)
    err_file=${where%%:*}
    err_line=$(printf '%s' "$where" | cut -d: -f2)
    [ -n "$where" ] && [ -f "$err_file" ] &&
        [ "$(realpath "$err_file")" = "$(realpath "$header")" ] &&
        sed -n "${err_line}p" "$header" | grep -qE '^[[:space:]]*#[[:space:]]*error'
}
