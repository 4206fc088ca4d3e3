# Every GoMeet image, built for amd64 and arm64. Run from the repository root (the build context):
#   GIT_SHA=$(git rev-parse HEAD) docker buildx bake -f deployment/docker-bake.hcl --push
#   docker buildx bake -f deployment/docker-bake.hcl --print frontend   # show one target
# Images: ${REGISTRY}/<target>:${TAG}. TAG defaults to the commit; production never uses latest.

variable "REGISTRY" {
  default = "registry.digitalocean.com/gomeet"
}

# The commit being built; CI sets it (GitHub Actions: GIT_SHA=${{ github.sha }}).
variable "GIT_SHA" {
  default = ""
}

# The image tag: a release tag such as v1.2.3 when deploying, else the commit's first 12 digits.
variable "TAG" {
  default = GIT_SHA != "" ? substr(GIT_SHA, 0, 12) : "dev"
}

# Where the source lives, for the org.opencontainers.image.source label.
variable "SOURCE_URL" {
  default = ""
}

group "default" {
  targets = ["auth-service", "meeting-service", "signaling-service", "chat-service", "recorder", "frontend"]
}

# Shared by every image: context, platforms, OCI labels.
target "_common" {
  context   = "."
  platforms = ["linux/amd64", "linux/arm64"]
  labels = {
    "org.opencontainers.image.source"   = SOURCE_URL
    "org.opencontainers.image.revision" = GIT_SHA
    "org.opencontainers.image.version"  = TAG
    "org.opencontainers.image.vendor"   = "GoMeet"
  }
}

target "auth-service" {
  inherits   = ["_common"]
  dockerfile = "services/auth/Dockerfile"
  tags       = ["${REGISTRY}/auth-service:${TAG}"]
  labels     = { "org.opencontainers.image.title" = "auth-service" }
  cache-from = ["type=registry,ref=${REGISTRY}/auth-service:buildcache"]
  cache-to   = ["type=registry,ref=${REGISTRY}/auth-service:buildcache,mode=max,image-manifest=true,oci-mediatypes=true"]
}

target "meeting-service" {
  inherits   = ["_common"]
  dockerfile = "services/meeting/Dockerfile"
  tags       = ["${REGISTRY}/meeting-service:${TAG}"]
  labels     = { "org.opencontainers.image.title" = "meeting-service" }
  cache-from = ["type=registry,ref=${REGISTRY}/meeting-service:buildcache"]
  cache-to   = ["type=registry,ref=${REGISTRY}/meeting-service:buildcache,mode=max,image-manifest=true,oci-mediatypes=true"]
}

target "signaling-service" {
  inherits   = ["_common"]
  dockerfile = "services/signaling/Dockerfile"
  tags       = ["${REGISTRY}/signaling-service:${TAG}"]
  labels     = { "org.opencontainers.image.title" = "signaling-service" }
  cache-from = ["type=registry,ref=${REGISTRY}/signaling-service:buildcache"]
  cache-to   = ["type=registry,ref=${REGISTRY}/signaling-service:buildcache,mode=max,image-manifest=true,oci-mediatypes=true"]
}

target "chat-service" {
  inherits   = ["_common"]
  dockerfile = "services/chat/Dockerfile"
  tags       = ["${REGISTRY}/chat-service:${TAG}"]
  labels     = { "org.opencontainers.image.title" = "chat-service" }
  cache-from = ["type=registry,ref=${REGISTRY}/chat-service:buildcache"]
  cache-to   = ["type=registry,ref=${REGISTRY}/chat-service:buildcache,mode=max,image-manifest=true,oci-mediatypes=true"]
}

target "recorder" {
  inherits   = ["_common"]
  dockerfile = "services/recorder/Dockerfile"
  tags       = ["${REGISTRY}/recorder:${TAG}"]
  labels     = { "org.opencontainers.image.title" = "recorder" }
  cache-from = ["type=registry,ref=${REGISTRY}/recorder:buildcache"]
  cache-to   = ["type=registry,ref=${REGISTRY}/recorder:buildcache,mode=max,image-manifest=true,oci-mediatypes=true"]
}

target "frontend" {
  inherits   = ["_common"]
  dockerfile = "apps/web/Dockerfile"
  tags       = ["${REGISTRY}/frontend:${TAG}"]
  labels     = { "org.opencontainers.image.title" = "frontend" }
  cache-from = ["type=registry,ref=${REGISTRY}/frontend:buildcache"]
  cache-to   = ["type=registry,ref=${REGISTRY}/frontend:buildcache,mode=max,image-manifest=true,oci-mediatypes=true"]
}
