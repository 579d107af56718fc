// Command imagetar writes a one-layer container image as a `docker save` archive, which
// `ctr -n k8s.io images import` reads, so the node gets its images without Docker or a registry:
//
//	imagetar -o pause.tar -name soma.local/pause:1 -user 65535:65535 -entrypoint /pause BIN=/pause ...
//
// Each BIN=PATH puts the file BIN at PATH in the image, mode 0755, owned by root. The archive is reproducible:
// every timestamp is the epoch, so the same files give the same image ID.
package main

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"runtime"
	"strings"
	"time"
)

var epoch = time.Unix(0, 0).UTC()

func main() {
	out := flag.String("o", "", "the archive to write")
	name := flag.String("name", "", "the image reference, e.g. soma.local/pause:1")
	entrypoint := flag.String("entrypoint", "", "the program the image runs (a PATH of a BIN=PATH)")
	user := flag.String("user", "", "the user the image runs as (numeric for runAsNonRoot), e.g. 65532")
	flag.Parse()
	if *out == "" || *name == "" || *entrypoint == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: imagetar -o FILE -name REF -entrypoint PATH [-user UID] BIN=PATH...")
		os.Exit(2)
	}
	if err := write(*out, *name, *entrypoint, *user, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "imagetar:", err)
		os.Exit(1)
	}
}

func write(out, name, entrypoint, user string, files []string) error {
	layer, paths, err := layerTar(files)
	if err != nil {
		return err
	}
	layerHex := sha256Hex(layer)
	config, err := json.Marshal(map[string]any{
		"architecture": runtime.GOARCH,
		"os":           "linux",
		"created":      epoch,
		"config": map[string]any{
			"User":       user,
			"Entrypoint": []string{entrypoint},
			"Env":        []string{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
			"WorkingDir": "/",
		},
		"rootfs":  map[string]any{"type": "layers", "diff_ids": []string{"sha256:" + layerHex}},
		"history": []map[string]any{{"created": epoch, "created_by": "cluster/build: imagetar " + strings.Join(paths, " ")}},
	})
	if err != nil {
		return err
	}
	configName := sha256Hex(config) + ".json"
	layerName := layerHex + "/layer.tar"
	manifest, err := json.Marshal([]map[string]any{
		{"Config": configName, "RepoTags": []string{name}, "Layers": []string{layerName}},
	})
	if err != nil {
		return err
	}

	var archive bytes.Buffer
	w := tar.NewWriter(&archive)
	for _, f := range []struct {
		name string
		data []byte
	}{{configName, config}, {layerName, layer}, {"manifest.json", manifest}} {
		if dir := path.Dir(f.name); dir != "." {
			if err := w.WriteHeader(header(dir+"/", tar.TypeDir, 0o755, 0)); err != nil {
				return err
			}
		}
		if err := w.WriteHeader(header(f.name, tar.TypeReg, 0o644, len(f.data))); err != nil {
			return err
		}
		if _, err := w.Write(f.data); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(out, archive.Bytes(), 0o644)
}

// layerTar is the image's file system, each BIN=PATH with the directories above PATH, and those PATHs.
func layerTar(files []string) ([]byte, []string, error) {
	var layer bytes.Buffer
	var paths []string
	w := tar.NewWriter(&layer)
	dirs := map[string]bool{}
	for _, f := range files {
		src, dest, ok := strings.Cut(f, "=")
		if !ok || !path.IsAbs(dest) || path.Clean(dest) != dest {
			return nil, nil, fmt.Errorf("%q is not BIN=/absolute/path", f)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, nil, err
		}
		paths = append(paths, dest)
		var parents []string
		for d := path.Dir(dest); d != "/"; d = path.Dir(d) {
			parents = append([]string{d}, parents...)
		}
		for _, d := range parents {
			if !dirs[d] {
				dirs[d] = true
				if err := w.WriteHeader(header(d[1:]+"/", tar.TypeDir, 0o755, 0)); err != nil {
					return nil, nil, err
				}
			}
		}
		if err := w.WriteHeader(header(dest[1:], tar.TypeReg, 0o755, len(data))); err != nil {
			return nil, nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, nil, err
	}
	return layer.Bytes(), paths, nil
}

func header(name string, kind byte, mode int64, size int) *tar.Header {
	return &tar.Header{Name: name, Typeflag: kind, Mode: mode, Size: int64(size), ModTime: epoch, Format: tar.FormatUSTAR}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
