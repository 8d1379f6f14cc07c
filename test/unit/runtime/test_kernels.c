/*===- test_kernels.c - Kernels for the end-to-end runtime tests ---------===*
 *
 * Part of Tessera (tests only). Built as a shared object whose bytes the
 * tests embed in an artifact as a CpuSharedObject executable, like the code
 * tessera-compile generates: `void name(void **buffers)`, shapes fixed at
 * compile time.
 *
 *===---------------------------------------------------------------------===*/

/* out[6] = a[6] + b[6] */
void tessera_test_add6(void **buffers) {
  const float *a = (const float *)buffers[0];
  const float *b = (const float *)buffers[1];
  float *out = (float *)buffers[2];
  for (int i = 0; i < 6; ++i)
    out[i] = a[i] + b[i];
}

/* out[8] = 2 * in[8] */
void tessera_test_scale8(void **buffers) {
  const float *in = (const float *)buffers[0];
  float *out = (float *)buffers[1];
  for (int i = 0; i < 8; ++i)
    out[i] = 2.0f * in[i];
}

/* Takes no buffers; counts its calls. */
static int calls;
void tessera_test_count(void **buffers) {
  (void)buffers;
  ++calls;
}
int tessera_test_calls(void) { return calls; }
