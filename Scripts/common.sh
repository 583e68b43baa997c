# Shared by the evidence scripts: `source Scripts/common.sh` from the package root.

# Installs a Debian package for a command the script needs, when the command is missing.
need_command() {
    local command=$1 package=$2
    command -v "$command" >/dev/null 2>&1 && return 0
    echo "installing $package for $command" >&2
    apt-get install -y -qq "$package" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$package" >/dev/null; }
}

# Sets BIN to the proctor binary: PROCTOR_BIN, else the newer of the release and debug builds,
# else a debug build made now.
find_proctor() {
    BIN=${PROCTOR_BIN:-}
    [[ -n "$BIN" ]] && return 0
    if [[ -x .build/release/proctor && ( ! -x .build/debug/proctor || .build/release/proctor -nt .build/debug/proctor ) ]]; then
        BIN=.build/release/proctor
    else
        [[ -x .build/debug/proctor ]] || swift build --product proctor >&2 || return 1
        BIN=.build/debug/proctor
    fi
}
