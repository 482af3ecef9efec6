// compose-check loads Compose files exactly as `docker compose config` does (compose-go: .env and
// ${VAR} interpolation, the Compose JSON schema, normalisation and consistency checks), then checks
// what only an engine would notice: bind-mount sources and build contexts that do not exist.
// It prints the resolved project as JSON and exits 1 with one message per problem.
//
//	compose-check [-f docker-compose.yml] [-profile '*'] [-env KEY=VALUE ...]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"
)

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	var files, profiles, env listFlag
	flag.Var(&files, "f", "Compose file (repeatable; default docker-compose.yml)")
	flag.Var(&profiles, "profile", "profile to enable (repeatable; '*' enables all)")
	flag.Var(&env, "env", "KEY=VALUE set for interpolation, over the process environment (repeatable)")
	flag.Parse()
	if len(files) == 0 {
		files = listFlag{"docker-compose.yml"}
	}

	project, err := load(files, profiles, env)
	if err != nil {
		fmt.Fprintf(os.Stderr, "compose-check: %v\n", err)
		os.Exit(1)
	}
	if problems := missingPaths(project); len(problems) > 0 {
		for _, problem := range problems {
			fmt.Fprintf(os.Stderr, "compose-check: %s\n", problem)
		}
		os.Exit(1)
	}
	out, err := project.MarshalJSON()
	if err != nil {
		fmt.Fprintf(os.Stderr, "compose-check: %v\n", err)
		os.Exit(1)
	}
	fmt.Println(string(out))
}

func load(files, profiles, env []string) (*types.Project, error) {
	options, err := cli.NewProjectOptions(files,
		cli.WithOsEnv,
		cli.WithEnv(env),
		cli.WithDotEnv,
		cli.WithProfiles(profiles),
		cli.WithConsistency(true),
		cli.WithResolvedPaths(true),
	)
	if err != nil {
		return nil, err
	}
	return options.LoadProject(context.Background())
}

// missingPaths lists bind-mount sources and build contexts that do not exist on this machine:
// the engine would create an empty directory for a missing bind source and fail a missing context.
func missingPaths(project *types.Project) []string {
	var problems []string
	for _, service := range project.AllServices() {
		for _, volume := range service.Volumes {
			if volume.Type == types.VolumeTypeBind && !exists(volume.Source) {
				problems = append(problems, fmt.Sprintf("service %s mounts %s, which does not exist", service.Name, rel(project, volume.Source)))
			}
		}
		if service.Build != nil {
			if !exists(service.Build.Context) {
				problems = append(problems, fmt.Sprintf("service %s builds from %s, which does not exist", service.Name, rel(project, service.Build.Context)))
			} else if dockerfile := filepath.Join(service.Build.Context, service.Build.Dockerfile); service.Build.Dockerfile != "" && !exists(dockerfile) {
				problems = append(problems, fmt.Sprintf("service %s builds with %s, which does not exist", service.Name, rel(project, dockerfile)))
			}
		}
	}
	return problems
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return !errors.Is(err, os.ErrNotExist)
}

func rel(project *types.Project, path string) string {
	if r, err := filepath.Rel(project.WorkingDir, path); err == nil {
		return r
	}
	return path
}
