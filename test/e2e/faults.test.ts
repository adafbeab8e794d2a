import { chmodSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cliBin, listFiles, runCli, tempDir } from '../support/cli.js';

/**
 * Odd file systems and bad input, through the built CLI as a user runs it: every case ends
 * with an exit code, one line on stderr (with --json, one `{ error }` document on stdout)
 * and, when it is refused, nothing written; none ends in a stack trace.
 */

interface Refusal {
  readonly exitCode: number;
  readonly message: RegExp;
}

/** Runs the CLI twice (plain and with --json) on fresh copies of a setup and checks the refusal both ways. */
async function expectRefused(setup: (cwd: string) => string[], args: (cwd: string) => string[], { exitCode, message }: Refusal) {
  for (const json of [false, true]) {
    const cwd = tempDir('fault');
    const before = setup(cwd);
    const result = await runCli([...args(cwd), ...(json ? ['--json'] : [])], { cwd });
    expect(result.exitCode, result.all).toBe(exitCode);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(new RegExp(`^error: ${message.source}`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    if (json) expect(JSON.parse(result.stdout)).toEqual({ error: { message: expect.stringMatching(message), exitCode, hints: [] } });
    else expect(lines).toHaveLength(1);
    expect(listFiles(cwd)).toEqual(before);
  }
}

const project = ['--pattern', 'api', '--yes', '--no-install', '--no-git'];

describe('create: targets a file system cannot take, refused with exit 2 before anything is written', () => {
  it('--force into a folder where the generator needs a folder and finds a file (the user\'s README stays theirs)', async () => {
    await expectRefused(
      (cwd) => {
        mkdirSync(join(cwd, 'p'));
        writeFileSync(join(cwd, 'p/README.md'), 'USER README\n');
        writeFileSync(join(cwd, 'p/infra'), 'x\n');
        return ['p', 'p/README.md', 'p/infra'];
      },
      () => ['p', '--force', ...project],
      { exitCode: 2, message: /infra is a file, but the generator writes infra\/\S+ in a folder of that name: move it, then run again/ },
    );
  });

  it('--force into a folder where the generator writes a file and finds a folder', async () => {
    await expectRefused(
      (cwd) => {
        mkdirSync(join(cwd, 'p/README.md'), { recursive: true });
        return ['p', 'p/README.md'];
      },
      () => ['p', '--force', ...project],
      { exitCode: 2, message: /README\.md is a folder, but the generator writes a file there: move it, then run again/ },
    );
  });

  it('a folder name of 300 characters', async () => {
    await expectRefused(() => [], () => ['a'.repeat(300), '--name', 'app', ...project], {
      exitCode: 2,
      message: /The folder name "a{24}…" is 300 bytes long; file systems allow 255: choose a shorter one/,
    });
  });

  it('a target under a file', async () => {
    await expectRefused(
      (cwd) => {
        writeFileSync(join(cwd, 'afile'), 'x');
        return ['afile'];
      },
      () => ['afile/sub', '--name', 'app', ...project],
      { exitCode: 2, message: /\S+\/afile is a file, so \S+\/afile\/sub cannot be created: choose another directory/ },
    );
  });

  it('a dangling symbolic link', async () => {
    await expectRefused(
      (cwd) => {
        symlinkSync('nowhere', join(cwd, 'link'));
        return ['link'];
      },
      () => ['link', '--name', 'app', ...project],
      { exitCode: 2, message: /\S+\/link is a symbolic link to nowhere, which does not exist: create that folder or remove the link/ },
    );
  });

  it('a parent folder it may not write in', async () => {
    // As root every folder is writable: run as nobody then.
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const cwd = tempDir('readonly');
    chmodSync(cwd, 0o755);
    mkdirSync(join(cwd, 'locked'), { mode: 0o555 });
    const run = (json: boolean) =>
      execa(asNobody[0] ?? 'node', [...asNobody.slice(1), ...(asNobody.length ? ['node'] : []), cliBin, join(cwd, 'locked/app'), ...project, ...(json ? ['--json'] : [])], {
        reject: false,
        cwd: '/',
        env: { NO_COLOR: '1', CI: '' },
      });
    const plain = await run(false);
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).toMatch(/^error: Cannot write in \/\S+\/locked \(EACCES\): choose another directory or fix its permissions$/);
    const json = await run(true);
    expect(JSON.parse(json.stdout).error.exitCode).toBe(2);
    expect(listFiles(cwd)).toEqual(['locked']);
  });
});

describe('create: targets that must work', () => {
  it('`create .` in an empty folder writes in place: the folder is the same one, so a shell inside it still works', async () => {
    const cwd = tempDir('dot');
    const here = join(cwd, 'shop');
    mkdirSync(here);
    const inode = statSync(here).ino;
    const { exitCode, all } = await runCli(['.', ...project], { cwd: here });
    expect(exitCode, all).toBe(0);
    expect(statSync(here).ino).toBe(inode);
    expect(listFiles(here)).toContain('infra/app.ts');
    expect((await execa('ls', [], { cwd: here })).stdout).toContain('package.json');
  });

  it('a symbolic link to an empty folder: written into that folder, the link kept', async () => {
    const cwd = tempDir('link');
    mkdirSync(join(cwd, 'real'));
    symlinkSync('real', join(cwd, 'app'));
    const { exitCode, all } = await runCli(['app', ...project], { cwd });
    expect(exitCode, all).toBe(0);
    expect(listFiles(join(cwd, 'real'))).toContain('infra/app.ts');
  });

  it('next steps quote a folder with a space, so they can be pasted', async () => {
    const cwd = tempDir('space');
    const { stdout, exitCode } = await runCli(['my app', '--name', 'my-app', ...project, '--json'], { cwd });
    expect(exitCode).toBe(0);
    expect(JSON.parse(stdout).nextSteps[0]).toBe("cd 'my app'");
  });
});

describe('answers refused with exit 2, one line saying the accepted form', () => {
  it.each<[string, string[], RegExp]>([
    ['a region that does not exist', ['--region', 'zz-nowhere-9'], /Invalid --region "zz-nowhere-9": is not a region of the aws partition, such as us-east-1 or eu-west-1/],
    ['a China region', ['--region', 'cn-north-1'], /Invalid --region "cn-north-1": is in the aws-cn partition, which the templates do not support yet/],
    ['a GovCloud region', ['--region', 'us-gov-west-1'], /Invalid --region "us-gov-west-1": is in the aws-us-gov partition/],
    ['a throttle in another form', ['--throttle', '1e9:1'], /Invalid --throttle "1e9:1": must be rate:burst, whole requests per second, rate 1-10000 and burst 1-5000 \(e\.g\. 100:200\)/],
    ['a throttle too large to be a number', ['--throttle', '99999999999999999999:1'], /Invalid --throttle "99999999999999999999:1": must be rate:burst, whole requests per second, rate 1-10000/],
    ['service accounts with junk after the region', ['--pattern', 'microservices', '--services', 'a1,b2', '--accounts', 'multi', '--service-accounts', 'a1=111111111111/eu-west-1/junk,b2=222222222222'], /Invalid --service-accounts "a1=111111111111\/eu-west-1\/junk,b2=222222222222": each entry must be service=account or service=account\/region, e\.g\. orders=111111111111\/eu-west-1 \(entry 1\)/],
    ['service accounts with a second =', ['--pattern', 'microservices', '--services', 'a1,b2', '--accounts', 'multi', '--service-accounts', 'a1=111111111111=x,b2=222222222222'], /Invalid --service-accounts "a1=111111111111=x,b2=222222222222": each entry must be/],
  ])('%s', async (_, args, message) => {
    await expectRefused(() => [], () => ['app', '--yes', '--no-install', '--no-git', ...args], { exitCode: 2, message });
  });

  it('--interactive without a terminal names the missing terminal (create and upgrade)', async () => {
    for (const args of [['app', '--interactive', '--no-install'], ['upgrade', '--interactive']]) {
      await expectRefused(() => [], () => args, { exitCode: 2, message: /--interactive needs a terminal, and stdin is not one: run it in a terminal, or give the answers as flags \(--yes for the defaults\)/ });
    }
  });

  it('--interactive --yes without a terminal is refused too: --yes does not stand in for the terminal --interactive asks for (create and upgrade)', async () => {
    for (const args of [['app', '--interactive', '--yes', '--no-install', '--no-git'], ['upgrade', '--interactive', '--yes']]) {
      await expectRefused(() => [], () => args, { exitCode: 2, message: /--interactive needs a terminal, and stdin is not one: run it in a terminal, or give the answers as flags \(--yes for the defaults\)/ });
    }
  });

  it('accepts an internationalized domain in its xn-- form, and warns about a burst below the rate', async () => {
    const cwd = tempDir('idna');
    const { exitCode, stdout, stderr } = await runCli(['app', ...project, '--domain', 'app.xn--p1ai', '--throttle', '100:50', '--dry-run'], { cwd });
    expect(exitCode).toBe(0);
    expect(stdout).toContain('Dry run');
    expect(stderr).toContain('--throttle 100:50: a burst below the rate turns away (429) more than 50 requests arriving together, even under 100 per second');
  });
});

describe('upgrade on odd file systems', () => {
  async function generated(cwd: string) {
    const result = await runCli(['app', ...project], { cwd });
    expect(result.exitCode, result.all).toBe(0);
    return join(cwd, 'app');
  }

  it('a generated file that is now a symbolic link: exit 2, one line (and one JSON document), nothing written', async () => {
    for (const json of [false, true]) {
      const cwd = tempDir('upgrade-link');
      const app = await generated(cwd);
      writeFileSync(join(app, 'config-mine.ts'), readFileSync(join(app, 'infra/config.ts')));
      rmSync(join(app, 'infra/config.ts'));
      symlinkSync('../config-mine.ts', join(app, 'infra/config.ts'));
      const before = listFiles(app);
      const result = await runCli(['upgrade', '--cache', '--yes', ...(json ? ['--json'] : [])], { cwd: app });
      expect(result.exitCode, result.all).toBe(2);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        'error: infra/config.ts is a symbolic link, but the generator writes a file there: replace the link by a copy of its file, or move it, then run again',
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      if (json) expect(JSON.parse(result.stdout).error.exitCode).toBe(2);
      expect(listFiles(app)).toEqual(before);
      expect(readFileSync(join(app, '.serverless-pattern.json'), 'utf8')).toContain('"cache": false');
    }
  });

  it('a --base-from that cannot render the project (a checkout without dist/): exit 2, one line, one { error } document', async () => {
    const cwd = tempDir('upgrade-base-from');
    const app = await generated(cwd);
    const checkout = join(cwd, 'checkout');
    mkdirSync(join(checkout, 'bin'), { recursive: true });
    writeFileSync(join(checkout, 'package.json'), JSON.stringify({ name: 'create-serverless-pattern', version: '0.1.0', type: 'module', bin: 'bin/cli.js' }));
    writeFileSync(join(checkout, 'bin/cli.js'), "await import('../dist/cli.js');\n");
    const before = listFiles(app);
    const result = await runCli(['upgrade', '--cache', '--yes', '--json', '--base-from', checkout], { cwd: app });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^error: Invalid --base-from \S+checkout: its CLI could not render the project \(.*dist\/cli\.js.*\)$/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(result.stdout)).toEqual({ error: { message: expect.stringMatching(/^Invalid --base-from /), exitCode: 2, hints: [] } });
    expect(listFiles(app)).toEqual(before);
  });

  it('a generated folder on another file system (EXDEV before): upgraded in place, originals kept beside themselves', async () => {
    const cwd = tempDir('upgrade-mount');
    const app = await generated(cwd);
    // A private mount namespace: infra/ becomes a tmpfs holding the same files, for this command only.
    const script = [
      'set -e',
      `cp -a ${app}/infra ${cwd}/infra-copy`,
      `mount -t tmpfs tmpfs ${app}/infra`,
      `cp -a ${cwd}/infra-copy/. ${app}/infra/`,
      `test "$(stat -f -c %T ${app}/infra)" = tmpfs`,
      `cd ${app} && node ${cliBin} upgrade --cache --yes --no-interactive > /dev/null`,
      `grep -c 'cache: { enabled: true' ${app}/infra/config.ts`,
      `ls -a ${app}/infra`,
    ].join('\n');
    const result = await execa('unshare', ['-m', 'sh', '-c', script], { reject: false, env: { NO_COLOR: '1', CI: '' } });
    if (/unshare failed|Operation not permitted/.test(result.stderr)) return; // no mount namespaces here: nothing to test
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('1');
    expect(result.stdout).not.toMatch(/\.tmp|\.orig|serverless-pattern-journal/);
  });
});
