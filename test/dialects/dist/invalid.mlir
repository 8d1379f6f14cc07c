// RUN: tessera-opt %s -split-input-file -verify-diagnostics

// Every verifier error of the dist dialect: meshes, shardings (on ops,
// arguments and as op attributes) and each collective's shape rules.

// expected-error @+1 {{mesh axis "tp" appears twice}}
module attributes {dist.mesh = #dist.mesh<["tp" = 2, "tp" = 4]>} {}

// -----

// expected-error @+1 {{mesh axis "dp" has size 0; sizes are positive}}
module attributes {dist.mesh = #dist.mesh<["dp" = 0]>} {}

// -----

// expected-error @+1 {{'dist.mesh' belongs on a module}}
func.func @mesh_on_func() attributes {dist.mesh = #dist.mesh<["dp" = 2]>} {
  return
}

// -----

// expected-error @+1 {{mesh axis "tp" shards more than one dimension}}
func.func @axis_twice(%x: tensor<8x8xf32>) -> tensor<8x8xf32> attributes {s = #dist.sharding<{"tp"}, {"tp"}>} {
  return %x : tensor<8x8xf32>
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} {
func.func @shard_not_divisible(%x: tensor<6x8xf32>) -> tensor<6x8xf32> {
  // expected-error @+1 {{cannot shard 'tensor<6x8xf32>' as #dist.sharding<{"tp"}, {}>: dimension 0 of size 6 does not divide into 4 parts (tp)}}
  %0 = dist.shard %x to <{"tp"}, {}> : tensor<6x8xf32>
  return %0 : tensor<6x8xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2]>} {
func.func @shard_unknown_axis(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{mesh axis "tp" is not in the mesh}}
  %0 = dist.shard %x to <{"tp"}, {}> : tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2]>} {
func.func @shard_rank(%x: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{the sharding has 1 dimensions, the tensor 2}}
  %0 = dist.shard %x to <{"dp"}> : tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2]>} {
// expected-error @+1 {{the sharding of argument 0 #dist.sharding<{"dp"}>: dimension 0 of size 3 does not divide into 2 parts (dp)}}
func.func @arg_sharding(%x: tensor<3xf32> {dist.sharding = #dist.sharding<{"dp"}>}) {
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2]>} {
func.func @result_shardings(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'dist.shardings' needs one #dist.sharding per result}}
  %0 = tessera.relu %x {dist.shardings = []} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2]>} {
func.func @unknown_attr(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{unknown dist attribute 'dist.colour'}}
  %0 = tessera.relu %x {dist.colour = 1} : tensor<4xf32>
  return %0 : tensor<4xf32>
}
}

// -----

func.func @no_mesh(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{needs a mesh: a dist.mesh attribute on the enclosing module}}
  %0 = dist.all_reduce %x axes = ["tp"] kind = sum : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} {
func.func @collective_axes(%x: tensor<4xf32>) {
  // expected-error @+1 {{mesh axis "pp" is not in the mesh}}
  %0 = dist.all_reduce %x axes = ["pp"] kind = sum : tensor<4xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} {
func.func @collective_axes_twice(%x: tensor<4xf32>) {
  // expected-error @+1 {{mesh axis "tp" appears twice}}
  %0 = dist.all_reduce %x axes = ["tp", "tp"] kind = sum : tensor<4xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} {
func.func @collective_no_axes(%x: tensor<4xf32>) {
  // expected-error @+1 {{needs at least one mesh axis}}
  %0 = dist.all_reduce %x axes = [] kind = sum : tensor<4xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["tp" = 4]>} {
func.func @all_gather_shape(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{gathering 'tensor<2x4xf32>' along dimension 1 over 4 devices gives a result with that dimension 4 times larger, not 'tensor<2x8xf32>'}}
  %0 = dist.all_gather %x axes = ["tp"] dim = 1 : (tensor<2x4xf32>) -> tensor<2x8xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["tp" = 4]>} {
func.func @all_gather_dim(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{dim 2 is out of range for rank 2}}
  %0 = dist.all_gather %x axes = ["tp"] dim = 2 : (tensor<2x4xf32>) -> tensor<2x16xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["tp" = 4]>} {
func.func @reduce_scatter_shape(%x: tensor<6x4xf32>) {
  // expected-error @+1 {{scattering 'tensor<6x4xf32>' along dimension 0 over 4 devices needs that dimension to divide}}
  %0 = dist.reduce_scatter %x axes = ["tp"] dim = 0 kind = sum : (tensor<6x4xf32>) -> tensor<1x4xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["tp" = 2]>} {
func.func @all_to_all_shape(%x: tensor<2x4xf32>) {
  // expected-error @+1 {{splitting 'tensor<2x4xf32>' along dimension 1 and concatenating along 0 over 2 devices cannot give 'tensor<2x2xf32>'}}
  %0 = dist.all_to_all %x axes = ["tp"] split_dim = 1 concat_dim = 0 : (tensor<2x4xf32>) -> tensor<2x2xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["pp" = 4]>} {
func.func @permute_range(%x: tensor<4xf32>) {
  // expected-error @+1 {{pair [3, 4] is outside the group of 4}}
  %0 = dist.collective_permute %x axes = ["pp"] pairs = [0, 1, 3, 4] : tensor<4xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["pp" = 4]>} {
func.func @permute_repeat(%x: tensor<4xf32>) {
  // expected-error @+1 {{pair [0, 2] repeats a source or a target}}
  %0 = dist.collective_permute %x axes = ["pp"] pairs = [0, 1, 0, 2] : tensor<4xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["pp" = 4]>} {
func.func @permute_odd(%x: tensor<4xf32>) {
  // expected-error @+1 {{pairs must list (source, target) pairs, flattened}}
  %0 = dist.collective_permute %x axes = ["pp"] pairs = [0, 1, 2] : tensor<4xf32>
  return
}
}

// -----

module attributes {dist.mesh = #dist.mesh<["dp" = 2, "tp" = 4]>} {
func.func @local_shard_shape(%w: tensor<8x16xf32>) {
  // expected-error @+1 {{the block of 'tensor<8x16xf32>' under #dist.sharding<{}, {"tp"}> is 'tensor<8x4xf32>', not 'tensor<8x8xf32>'}}
  %0 = dist.local_shard %w to <{}, {"tp"}> : (tensor<8x16xf32>) -> tensor<8x8xf32>
  return
}
}
