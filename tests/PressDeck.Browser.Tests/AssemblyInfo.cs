// Each browser test class runs its own PressDeck server and Chromium; on a 2-core machine running them one class at a
// time keeps the live-timing expectations (a post within 10 s) honest instead of fighting for the CPU.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
