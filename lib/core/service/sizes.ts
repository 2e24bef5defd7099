/**
 * Container sizes each platform accepts. A size a platform rejects only fails at deploy time (minutes in),
 * so the component checks every region's cpu/memory pair against these rules up front.
 */
import type { Cloud } from "../placement";

/** A size check's verdict: `undefined` when valid, else the field at fault and what is allowed. */
export type SizeProblem = { field: "cpu" | "memoryMb"; allowed: string } | undefined;
const cpuProblem = (allowed: string): SizeProblem => ({ field: "cpu", allowed });
const memoryProblem = (allowed: string): SizeProblem => ({ field: "memoryMb", allowed });

/**
 * Fargate task sizes: memory ranges (MiB) and steps per vCPU value.
 * Source: AWS ECS developer guide, "Task size" table (Linux).
 */
const FARGATE: Record<string, { min: number; max: number; step: number; list?: number[] }> = {
  "0.25": { min: 512, max: 2048, step: 0, list: [512, 1024, 2048] },
  "0.5": { min: 1024, max: 4096, step: 1024 },
  "1": { min: 2048, max: 8192, step: 1024 },
  "2": { min: 4096, max: 16384, step: 1024 },
  "4": { min: 8192, max: 30720, step: 1024 },
  "8": { min: 16384, max: 61440, step: 4096 },
  "16": { min: 32768, max: 122880, step: 8192 },
};

export function fargateSizeProblem(cpu: number, memoryMb: number): SizeProblem {
  const rule = FARGATE[String(cpu)];
  if (!rule) return cpuProblem(`Fargate vCPU must be one of ${Object.keys(FARGATE).join(", ")}`);
  const ok = rule.list
    ? rule.list.includes(memoryMb)
    : memoryMb >= rule.min && memoryMb <= rule.max && (memoryMb - rule.min) % rule.step === 0;
  if (ok) return undefined;
  const allowed = rule.list ? rule.list.join(", ") : `${rule.min}-${rule.max} in steps of ${rule.step}`;
  return memoryProblem(`Fargate with ${cpu} vCPU takes memoryMb ${allowed}`);
}

/**
 * Cloud Run (2nd gen) limits: whole CPUs 1, 2, 4, 6, 8 (fractional CPU is refused here: it forces a
 * concurrency of 1), memory 512 MiB-32 GiB, and more memory needs more CPU
 * (> 4 GiB: 2 CPU, > 8 GiB: 4, > 16 GiB: 6, > 24 GiB: 8). Source: Cloud Run docs "Configure memory limits".
 * More CPU needs more memory too: "4 vCPU 2 to 16 GiB, 6 vCPU 4 to 24 GiB, 8 vCPU 4 to 32 GiB"
 * (https://cloud.google.com/run/docs/configuring/services/cpu, CPU and memory table).
 */
/**
 * The fewest whole CPUs Cloud Run takes with a memory size: more than 4 GiB needs 2, more than 8 GiB 4, more than
 * 16 GiB 6, more than 24 GiB 8 (https://cloud.google.com/run/docs/configuring/services/memory-limits, "Required
 * minimum CPUs"); each of them also accepts that memory (CPU and memory table, above). The one rule both a
 * MultiRegionService's check and a ServerlessFunction on Cloud Run (gcp.platform "cloud-run") use.
 */
export function cloudRunMinCpu(memoryMb: number): 1 | 2 | 4 | 6 | 8 {
  return memoryMb > 24576 ? 8 : memoryMb > 16384 ? 6 : memoryMb > 8192 ? 4 : memoryMb > 4096 ? 2 : 1;
}

export function cloudRunSizeProblem(cpu: number, memoryMb: number): SizeProblem {
  const cpus = [1, 2, 4, 6, 8];
  if (!cpus.includes(cpu)) return cpuProblem(`Cloud Run cpu must be one of ${cpus.join(", ")}`);
  if (memoryMb < 512 || memoryMb > 32768) return memoryProblem("Cloud Run memoryMb must be 512-32768");
  const minCpu = cloudRunMinCpu(memoryMb);
  const minMemory = cpu >= 6 ? 4096 : cpu >= 4 ? 2048 : 512;
  if (memoryMb < minMemory)
    return memoryProblem(
      `Cloud Run needs at least ${minMemory} MiB with ${cpu} cpu (4 cpu: 2-16 GiB, 6 and 8 cpu: 4 GiB and more)`,
    );
  if (cpu < minCpu)
    return memoryProblem(
      `Cloud Run allows at most ${cpu >= 6 ? 24576 : cpu >= 4 ? 16384 : cpu >= 2 ? 8192 : 4096} MiB with ${cpu} cpu (more memory needs at least ${minCpu} cpu)`,
    );
  return undefined;
}

/**
 * Azure Container Apps (Consumption profile): cpu 0.25-4 in steps of 0.25 with memory exactly 2 GiB per vCPU.
 * Source: learn.microsoft.com container-apps/containers "Allocations".
 */
export function containerAppsSizeProblem(cpu: number, memoryMb: number): SizeProblem {
  const quarters = cpu * 4;
  if (!Number.isInteger(quarters) || cpu < 0.25 || cpu > 4)
    return cpuProblem("Container Apps cpu must be 0.25-4 in steps of 0.25");
  if (memoryMb !== cpu * 2048)
    return memoryProblem(`Container Apps pairs ${cpu} cpu with memoryMb ${cpu * 2048} (2 GiB per vCPU)`);
  return undefined;
}

/** The size check of the platform a cloud runs containers on. */
export function sizeProblem(cloud: Cloud, cpu: number, memoryMb: number): SizeProblem {
  return SIZE_CHECKS[cloud](cpu, memoryMb);
}

/** Each cloud's container size rule, a table the compiler checks: a new cloud must say what sizes it runs. */
const SIZE_CHECKS: Record<Cloud, (cpu: number, memoryMb: number) => SizeProblem> = {
  aws: fargateSizeProblem,
  gcp: cloudRunSizeProblem,
  azure: containerAppsSizeProblem,
  cloudflare: () => cpuProblem("Cloudflare does not run containers in a region"),
};
