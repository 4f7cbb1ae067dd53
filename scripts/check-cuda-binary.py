#!/usr/bin/env python3
"""What GPU code ND4J's CUDA binary carries and which CUDA libraries it needs (Python 3 stdlib only).

Reads nd4j-cuda-11.6:1.0.0-M2.1's linux-x86_64 jar and the JavaCPP CUDA bindings it depends on
(org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64) from the local Maven repository, fetching them with
`mvn dependency:get` when absent (573 MiB and 6 MiB). Each library is extracted to a temporary file
and its ELF sections are read:

* libnd4jcuda.so's `.nv_fatbin` section: every fat-binary container (16-byte header, magic
  0xBA55ED50, as in the CUDA toolkit's fatbinary.h) and each of its entries, whose header gives the
  kind (1 = PTX, 2 = ELF cubin, i.e. SASS), at byte 28 the sm architecture and at byte 40 the flags
  (0x2000: LZ4-compressed payload). Each cubin's own ELF header (e_flags, low byte = sm) is decoded
  and checked against its entry. The driver runs SASS only on a GPU of the same major compute
  capability and an equal or higher minor one; any other GPU needs PTX to JIT-compile.
* the dynamic section: DT_NEEDED, the shared libraries the dynamic loader must find, and DT_RUNPATH.

If the redist jar (org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist, 1.7 GiB) is in the local
repository too, it follows the CUDA libraries needed, and those they need in turn, into that jar.

  python3 scripts/check-cuda-binary.py [--jar PATH] [--jni PATH] [--redist PATH] [--entries]
"""
import argparse
import collections
import contextlib
import mmap
import os
import pathlib
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

ND4J = "org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1"
CUDA = "org.bytedeco:cuda:11.6-8.3-1.5.7"
M2 = pathlib.Path.home() / ".m2" / "repository"
DEFAULT_JAR = M2 / "org/nd4j/nd4j-cuda-11.6/1.0.0-M2.1/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar"
CUDA_DIR = M2 / "org/bytedeco/cuda/11.6-8.3-1.5.7"
DEFAULT_JNI = CUDA_DIR / "cuda-11.6-8.3-1.5.7-linux-x86_64.jar"
DEFAULT_REDIST = CUDA_DIR / "cuda-11.6-8.3-1.5.7-linux-x86_64-redist.jar"
ND4J_LIBS = "org/nd4j/linalg/jcublas/bindings/linux-x86_64/"
CUDA_LIBS = "org/bytedeco/cuda/linux-x86_64/"
DRIVER = "libcuda.so.1"  # installed with the NVIDIA driver, never redistributed
# The JavaCPP bindings ND4J's CUDA backend calls: JCublasBackend.canRun (cudart, cublas), JcublasLapack (cusolver).
JNI_LIBS = ("libjnicudart.so", "libjnicublas.so", "libjnicusolver.so")

FATBIN_MAGIC = 0xBA55ED50
KIND = {1: "PTX", 2: "SASS"}
FATBIN_FLAG_LZ4 = 0x2000  # entry flags: payload is an LZ4 block (nvcc's fatbin compression in CUDA 11)
DT_NEEDED, DT_RPATH, DT_RUNPATH = 1, 15, 29
EF_CUDA_SM_MASK = 0xFF  # a cubin's e_flags: low byte is its sm architecture


def fetch_jar(jar, artifact):
    if jar.exists():
        return
    print(f"{jar} is absent; fetching {artifact} with Maven", file=sys.stderr)
    subprocess.run(["mvn", "-B", "-q", "dependency:get", "-Dtransitive=false", f"-Dartifact={artifact}"],
                   check=True)
    if not jar.exists():
        sys.exit(f"mvn dependency:get succeeded but {jar} is still absent")


@contextlib.contextmanager
def open_elf(jar, member):
    """Extracts one library from a jar to a temporary file and maps it (the zip entries are deflated)."""
    with zipfile.ZipFile(jar) as z, tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "lib.so")
        with z.open(member) as src, open(path, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 24)
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            yield Elf(data, member)


def lz4_prefix(data, pos, end, want):
    """The first {want} bytes of the LZ4 block data[pos:end] (LZ4 block format: token, literals, offset,
    match), decoded only as far as needed."""
    out = bytearray()
    while pos < end and len(out) < want:
        token = data[pos]
        pos += 1
        literals = token >> 4
        if literals == 15:
            while data[pos] == 255:
                literals += 255
                pos += 1
            literals += data[pos]
            pos += 1
        out += data[pos:pos + literals]
        pos += literals
        if pos >= end or len(out) >= want:
            break
        offset = data[pos] | data[pos + 1] << 8
        pos += 2
        match = token & 15
        if match == 15:
            while data[pos] == 255:
                match += 255
                pos += 1
            match += data[pos]
            pos += 1
        for _ in range(match + 4):  # byte by byte: a match may overlap its own output
            out.append(out[-offset])
    return bytes(out[:want])


class Elf:
    """Sections and dynamic entries of a little-endian ELF64 file (bytes or a memory map)."""

    def __init__(self, data, name):
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            raise ValueError(f"{name} is not a little-endian ELF64 file")
        self.data = data
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        # Section headers: sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, ...
        headers = [struct.unpack_from("<IIQQQQI", data, shoff + i * shentsize) for i in range(shnum)]
        names_offset = headers[shstrndx][4]
        self.sections = {self._string(names_offset, h[0]): h for h in headers}
        self._headers = headers

    def _string(self, table_offset, index):
        start = table_offset + index
        return self.data[start:self.data.find(b"\0", start)].decode()

    def section_bounds(self, name):
        _, _, _, _, offset, size, _ = self.sections[name]
        return offset, offset + size

    def dynamic(self):
        """(tag, string) pairs for DT_NEEDED, DT_RPATH and DT_RUNPATH, in file order."""
        _, _, _, _, offset, size, link = self.sections[".dynamic"]
        strtab = self._headers[link][4]  # sh_link of .dynamic: its string table
        out = []
        for pos in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", self.data, pos)
            if tag == 0:
                break
            if tag in (DT_NEEDED, DT_RPATH, DT_RUNPATH):
                out.append((tag, self._string(strtab, value)))
        return out


def fatbin_entries(data, start, stop):
    """Yields (container, kind, arch, flags, payload offset, payload size) for each entry of each container in
    the .nv_fatbin section data[start:stop]."""
    pos, container = start, 0
    magic = struct.pack("<I", FATBIN_MAGIC)
    while True:
        pos = data.find(magic, pos, stop)  # containers are padded to an alignment; skip the zeros between them
        if pos < 0:
            return
        _, version, header_size, fat_size = struct.unpack_from("<IHHQ", data, pos)
        if version != 1:
            raise ValueError(f"fat binary container at {pos:#x} has version {version}, expected 1")
        entry, end = pos + header_size, pos + header_size + fat_size
        while entry < end:
            kind, _, entry_header, payload_size = struct.unpack_from("<HHIQ", data, entry)
            arch, = struct.unpack_from("<I", data, entry + 28)
            flags, = struct.unpack_from("<Q", data, entry + 40)
            yield container, kind, arch, flags, entry + entry_header, payload_size
            entry += entry_header + payload_size
        if entry != end:
            raise ValueError(f"container {container} overruns its size by {entry - end} bytes")
        pos, container = end, container + 1


def arch_name(arch):
    return f"sm_{arch}"


def report_fatbin(elf, show_entries):
    if ".nv_fatbin" not in elf.sections:
        print("no .nv_fatbin section: this library carries no GPU code")
        return
    start, stop = elf.section_bounds(".nv_fatbin")
    data = elf.data
    counts = collections.Counter()
    containers, cubins, cubin_mismatch = set(), 0, 0
    for container, kind, arch, flags, payload, size in fatbin_entries(data, start, stop):
        containers.add(container)
        counts[(KIND.get(kind, f"kind {kind}"), arch)] += 1
        if kind == 2:
            # Cross-check the entry header against the cubin itself: its ELF e_flags name its architecture.
            elf_header = (lz4_prefix(data, payload, payload + size, 0x34) if flags & FATBIN_FLAG_LZ4
                          else bytes(data[payload:payload + 0x34]))
            cubins += 1
            cubin_mismatch += (elf_header[:4] != b"\x7fELF"
                               or struct.unpack_from("<I", elf_header, 0x30)[0] & EF_CUDA_SM_MASK != arch)
        if show_entries:
            print(f"  container {container}: {KIND.get(kind, kind)} {arch_name(arch)}, {size} bytes")
    print(f".nv_fatbin: {stop - start} bytes, {len(containers)} containers, {sum(counts.values())} entries")
    for kind in sorted({k for k, _ in counts}):
        archs = sorted(a for k, a in counts if k == kind)
        print(f"  {kind:<5} " + ", ".join(f"{arch_name(a)} ({counts[(kind, a)]})" for a in archs))
    sass = sorted(a for k, a in counts if k == "SASS")
    ptx = sorted(a for k, a in counts if k == "PTX")
    print(f"SASS architectures: {' '.join(arch_name(a) for a in sass) or 'none'}")
    print(f"PTX: {'none (no JIT fallback for other GPUs)' if not ptx else ' '.join(arch_name(a) for a in ptx)}")
    print(f"cubin ELF headers (LZ4-decoded where compressed) agreeing with their entry's sm: "
          f"{cubins - cubin_mismatch} of {cubins}")


def needed(elf):
    entries = elf.dynamic()
    return ([s for t, s in entries if t == DT_NEEDED],
            [s for t, s in entries if t in (DT_RPATH, DT_RUNPATH)])


def is_cuda(library):
    return library.startswith(("libcu", "libnv", "libnccl"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", type=pathlib.Path, default=DEFAULT_JAR, help=f"{ND4J}:jar:linux-x86_64")
    parser.add_argument("--jni", type=pathlib.Path, default=DEFAULT_JNI, help=f"{CUDA}:jar:linux-x86_64")
    parser.add_argument("--redist", type=pathlib.Path, default=DEFAULT_REDIST,
                        help=f"{CUDA}:jar:linux-x86_64-redist (1.7 GiB; checked only when present)")
    parser.add_argument("--entries", action="store_true", help="print every fat-binary entry")
    args = parser.parse_args()
    fetch_jar(args.jar, f"{ND4J}:jar:linux-x86_64")
    fetch_jar(args.jni, f"{CUDA}:jar:linux-x86_64")
    print(f"{args.jar.name}: {args.jar.stat().st_size} bytes")
    cuda_needed = {}  # CUDA library -> the libraries that need it
    for name in ("libnd4jcuda.so", "libjnind4jcuda.so"):
        with open_elf(args.jar, ND4J_LIBS + name) as elf:
            if name == "libnd4jcuda.so":
                report_fatbin(elf, args.entries)
            libs, paths = needed(elf)
        print(f"{name} NEEDED: {' '.join(libs)}")
        print(f"{name} RUNPATH: {' '.join(paths) or 'none'}")
        for lib in filter(is_cuda, libs):
            cuda_needed.setdefault(lib, []).append(name)
    print(f"{args.jni.name} (JavaCPP bindings that JCublasBackend loads):")
    for name in JNI_LIBS:
        with open_elf(args.jni, CUDA_LIBS + name) as elf:
            libs, _ = needed(elf)
        print(f"  {name} NEEDED CUDA libraries: {' '.join(filter(is_cuda, libs)) or 'none'}")
        for lib in filter(is_cuda, libs):
            cuda_needed.setdefault(lib, []).append(name)
    if not args.redist.exists():
        print(f"CUDA libraries needed: {' '.join(sorted(cuda_needed))}")
        print(f"{args.redist.name} is absent: not checked (mvn -B dependency:get -Dtransitive=false"
              f" -Dartifact={CUDA}:jar:linux-x86_64-redist)")
        return
    print(f"{args.redist.name}: {args.redist.stat().st_size} bytes; the CUDA libraries needed and whether it bundles them:")
    with zipfile.ZipFile(args.redist) as z:
        bundled = {pathlib.PurePosixPath(n).name for n in z.namelist()}
    pending = sorted(cuda_needed)
    while pending:  # the closure: a bundled library may need further CUDA libraries
        lib = pending.pop(0)
        if lib == DRIVER:
            print(f"  {lib} (needed by {', '.join(cuda_needed[lib])}): the NVIDIA driver's, not bundled")
            continue
        if lib not in bundled:
            print(f"  {lib} (needed by {', '.join(cuda_needed[lib])}): NOT bundled")
            continue
        with open_elf(args.redist, CUDA_LIBS + lib) as elf:
            libs, _ = needed(elf)
        print(f"  {lib} (needed by {', '.join(cuda_needed[lib])}): bundled")
        for dep in filter(is_cuda, libs):
            if dep not in cuda_needed:
                pending.append(dep)
            cuda_needed.setdefault(dep, []).append(lib)


if __name__ == "__main__":
    main()
