import { readdirSync, readFileSync } from 'node:fs';

/** Every thread of a Linux process, by name, with its niceness (field 19 of /proc/<pid>/task/<tid>/stat). */
export function threadNiceness(pid: number | 'self'): Array<{ name: string; niceness: number }> {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return { name, niceness: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) };
  });
}
