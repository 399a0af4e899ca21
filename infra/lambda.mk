# Lambda builds. Included by the top Makefile, which is the one `sam build`
# runs: template.yaml gives every function CodeUri "." (the Go module root)
# and BuildMethod makefile, so SAM calls `make build-<LogicalId>` with
# ARTIFACTS_DIR set. Also works on its own: make -f infra/lambda.mk build
#
#   build        dist/<fn>/bootstrap (linux/arm64) and dist/<fn>.zip
#   build-local  dist/local/<fn>/bootstrap for this machine's architecture
#   invoke       FN=<fn> EVENT=<file>: run one event through the emulator
#
# Recipes stay POSIX sh: the including Makefile may or may not set SHELL.

# The repository root, from this file's own location (make -f or include).
LAMBDA_ROOT := $(patsubst %/,%,$(dir $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))))
LAMBDA_FUNCTIONS := upload index archive office import
LAMBDA_DIST := $(LAMBDA_ROOT)/dist
# lambda.norpc drops the legacy net/rpc path provided.al2023 never uses;
# -trimpath and -buildvcs=false make the binary depend on the sources only.
LAMBDA_GOFLAGS := -tags lambda.norpc -trimpath -buildvcs=false -ldflags='-s -w'

# lambda-build ARCH,FN,OUT builds functions/FN into OUT for linux/ARCH.
lambda-build = cd $(LAMBDA_ROOT) && CGO_ENABLED=0 GOOS=linux GOARCH=$(1) \
	go build $(LAMBDA_GOFLAGS) -o $(3) ./functions/$(2)

# lambda-sam FN is the body of a SAM build target.
lambda-sam = $(if $(ARTIFACTS_DIR),,$(error ARTIFACTS_DIR is not set: sam build sets it))$(call lambda-build,arm64,$(1),$(ARTIFACTS_DIR)/bootstrap)

.PHONY: build-UploadFunction build-IndexFunction build-ArchiveFunction build-OfficeFunction build-ImportFunction build build-local invoke lambda-rie

build-UploadFunction:
	$(call lambda-sam,upload)

build-IndexFunction:
	$(call lambda-sam,index)

build-ArchiveFunction:
	$(call lambda-sam,archive)

build-OfficeFunction:
	$(call lambda-sam,office)

build-ImportFunction:
	$(call lambda-sam,import)

build: $(LAMBDA_FUNCTIONS:%=lambda-dist-%)

# The zip holds only bootstrap, with a fixed time and mode, so equal
# binaries give byte-identical zips (and unchanged CodeSha256 on deploy).
lambda-dist-%:
	$(call lambda-build,arm64,$*,$(LAMBDA_DIST)/$*/bootstrap)
	cd $(LAMBDA_ROOT) && go run ./infra/rie/zip -o $(LAMBDA_DIST)/$*.zip $(LAMBDA_DIST)/$*/bootstrap

build-local: $(LAMBDA_FUNCTIONS:%=lambda-local-%)

lambda-local-%:
	$(call lambda-build,$$(go env GOHOSTARCH),$*,$(LAMBDA_DIST)/local/$*/bootstrap)

lambda-rie:
	$(LAMBDA_ROOT)/infra/rie/install.sh

# make invoke FN=upload EVENT=testdata/events/upload-seed.json
# The S3 endpoint, bucket and credentials come from the environment; see
# infra/rie/invoke.sh.
invoke: lambda-rie
	$(if $(filter $(FN),$(LAMBDA_FUNCTIONS)),,$(error FN=$(FN): want one of $(LAMBDA_FUNCTIONS)))
	$(if $(EVENT),,$(error EVENT is not set, e.g. EVENT=testdata/events/upload-seed.json))
	$(call lambda-build,$$(go env GOHOSTARCH),$(FN),$(LAMBDA_DIST)/local/$(FN)/bootstrap)
	$(LAMBDA_ROOT)/infra/rie/invoke.sh $(LAMBDA_DIST)/local/$(FN)/bootstrap $(EVENT)
