#!/bin/sh
# Builds a base image for `./mvnw -Pimage jib:buildTar` from Debian packages, for a machine that
# reaches no container registry: Debian 12 (minbase) + OpenJDK 17 JRE + the user abri (uid 1000,
# which the embedded PostgreSQL needs in /etc/passwd), saved as a `docker save` tarball.
#
#   sudo apt-get install debootstrap
#   sudo .ci/local-base-image.sh target/base-image.tar       # a few minutes, ~350 MB
#   ./mvnw -B -Pimage -Djib.from.image=tar://$PWD/target/base-image.tar jib:buildTar
#
# Set ROOTFS to a folder debootstrap already filled to skip that step. Needs root (debootstrap, chroot).
set -eu
out=$(realpath -m "${1:-target/base-image.tar}")
work=$(mktemp -d)
rootfs=${ROOTFS:-$work/rootfs}
if [ -z "${ROOTFS:-}" ]; then
    debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
        bookworm "$rootfs" http://deb.debian.org/debian
fi
chroot "$rootfs" sh -c 'id -u abri >/dev/null 2>&1 || useradd --uid 1000 --user-group --create-home abri'
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" --numeric-owner -cf "$work/layer.tar" .
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]}}
EOF
echo '[{"Config":"config.json","RepoTags":["abri-base:bookworm-jre17"],"Layers":["layer.tar"]}]' > "$work/manifest.json"
mkdir -p "$(dirname "$out")"
tar -C "$work" -cf "$out" manifest.json config.json layer.tar
rm -rf "$work"
echo "Base image written to $out"
