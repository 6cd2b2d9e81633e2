# Sourced by tools/deb-check and tools/ci-fresh: a fresh minimal Debian 12 root to run in.
#   fresh_root_open [ROOTFS.tar]   sets $root: a new folder with the cached root extracted,
#                                  /proc, /dev and /dev/shm mounted; all undone on exit
#   inroot 'COMMANDS'              runs COMMANDS with /bin/sh in it, with a clean environment
# As root. The root is `mmdebstrap --variant=apt --include=git,ca-certificates bookworm`,
# made once into ${HEADROOM_ROOTFS_CACHE:-/var/cache/headroom}/bookworm-apt-git.tar (from
# this machine's apt sources when it runs bookworm, else deb.debian.org). Cleaning up
# removes only what was made: the temporary root (once nothing is mounted in it) and a
# half-written cache tarball.

fresh_root_say() { echo "${fresh_root_tool:-fresh-root}: $*"; }
fresh_root_die() { fresh_root_say "error: $*" >&2; exit 2; }

fresh_root_tarball() { # prints the cached tarball's path, making it first when absent
    local rootfs=${1:-${HEADROOM_ROOTFS_CACHE:-/var/cache/headroom}/bookworm-apt-git.tar}
    if [ ! -f "$rootfs" ]; then
        command -v mmdebstrap >/dev/null || fresh_root_die "mmdebstrap is missing (apt-get install mmdebstrap)"
        local mirrors=() f
        if grep -qs '^VERSION_CODENAME=bookworm$' /etc/os-release; then
            for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
                grep -qs -E '^[[:space:]]*(deb|Types:)' "$f" && mirrors+=("$f")
            done
        fi
        [ ${#mirrors[@]} -gt 0 ] || mirrors=(http://deb.debian.org/debian)
        fresh_root_say "making $rootfs (mmdebstrap --variant=apt bookworm, from ${mirrors[*]})" >&2
        mkdir -p "$(dirname "$rootfs")"
        local partial="$rootfs.partial.tar"
        # A mirror on the command line: mmdebstrap reads none from stdin (CI has no terminal).
        if ! mmdebstrap --quiet --variant=apt --include=git,ca-certificates --format=tar bookworm "$partial" \
                "${mirrors[@]}" </dev/null >&2; then
            rm -f "$partial"
            fresh_root_die "mmdebstrap failed"
        fi
        mv "$partial" "$rootfs"
    fi
    echo "$rootfs"
}

fresh_root_cleanup() {
    set +e
    # Processes still running in this root (ours: nothing else runs in it) keep mounts busy.
    local p i busy=0
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -KILL "${p#/proc/}" 2>/dev/null
    done
    for ((i = ${#fresh_root_mounted[@]} - 1; i >= 0; i--)); do
        umount "${fresh_root_mounted[i]}" || umount -l "${fresh_root_mounted[i]}" || busy=1
    done
    if [ $busy -eq 0 ] && ! grep -qs " $root/" /proc/mounts; then
        rm -rf --one-file-system "$root"
    else
        fresh_root_say "left $root in place: something is still mounted in it" >&2
    fi
}

fresh_root_open() {
    [ "$(id -u)" -eq 0 ] || fresh_root_die "run as root (chroot, mount)"
    local rootfs m
    rootfs=$(fresh_root_tarball "${1:-}")
    root=$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/headroom-root.XXXXXX")")
    fresh_root_mounted=()
    trap fresh_root_cleanup EXIT
    trap 'exit 143' TERM # bash runs no EXIT trap when a signal ends it: so the root is still removed
    tar -C "$root" --numeric-owner -xf "$rootfs"
    for m in proc dev dev/shm; do
        mkdir -p "$root/$m"
        if [ $m = proc ]; then mount -t proc proc "$root/proc"; else mount --bind "/$m" "$root/$m"; fi
        fresh_root_mounted+=("$root/$m")
    done
    rm -f "$root/etc/resolv.conf" # it may be a link that points out of the root
    cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    mkdir -p "$root/root/home" "$root/root/work"
}

inroot() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root/home \
        DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 /bin/sh -c "$1"
}
