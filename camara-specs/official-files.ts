/**
 * The official CAMARA OpenAPI files the tests read (conformance of the routes and the mock
 * operators), pinned: each is the file at `source` in github.com/camaraproject/<repository> at the
 * release tag `release` (commit `commit`), kept under `path` with that SHA-256. Never copied into
 * this repository: `npm run specs:fetch` downloads them (README.md, "Test it").
 */
export interface OfficialSpecFile {
  /** Where it sits in a specs directory: `<api>/<info.version>/<upstream file name>`. */
  path: string;
  repository: string;
  release: string;
  commit: string;
  source: string;
  sha256: string;
}

const API_DEFINITIONS = 'code/API_definitions';

export const OFFICIAL_SPEC_FILES: readonly OfficialSpecFile[] = [
  {
    path: 'sim-swap/2.1.0/sim-swap.yaml',
    repository: 'SimSwap',
    release: 'r3.3',
    commit: '6008716efcbe055a6ef71ef74df59b2d53e70b30',
    source: `${API_DEFINITIONS}/sim-swap.yaml`,
    sha256: 'b0cda1408fc88b366fc16d04f157478205a1736e81393332172a67f20832648c',
  },
  {
    path: 'sim-swap/1.0.0/sim-swap.yaml',
    repository: 'SimSwap',
    release: 'r1.4',
    commit: '0bd0b022bed0e5ef62908fa40ba21da5d4653211',
    source: `${API_DEFINITIONS}/sim-swap.yaml`,
    sha256: 'c0f51e3eae7b709519cfd9aacf8c19b7a40a4fe66765dd467f7e4ba160530da1',
  },
  {
    // Pre-meta-release 0.4.0: what Nokia's passthrough (and Vonage) still serve.
    path: 'sim-swap/0.4.0/sim_swap.yaml',
    repository: 'SimSwap',
    release: 'v0.4.0',
    commit: '323fd00fe9299e6d5a4c5dee4294e34ae8100e41',
    source: `${API_DEFINITIONS}/sim_swap.yaml`,
    sha256: '1a82fdb6aaa9072d78d9562f5f00d075f816711bcd81690376d5ff4cd3cefa17',
  },
  {
    path: 'number-verification/2.1.0/number-verification.yaml',
    repository: 'NumberVerification',
    release: 'r3.2',
    commit: '5659864ab36d6b5280870ff2bfd753b6bbb6e590',
    source: `${API_DEFINITIONS}/number-verification.yaml`,
    sha256: '45a2d3344275e4682d291ad010a9aad3250f590194a4ca60b22a56ba5afafd40',
  },
  {
    path: 'number-verification/2.0.0/number-verification.yaml',
    repository: 'NumberVerification',
    release: 'r2.4',
    commit: '74e75a9e66ccb5ae823f9816b1be6153ea9bc234',
    source: `${API_DEFINITIONS}/number-verification.yaml`,
    sha256: '01738ca26e3b2d82a56bde2ee8d797e270a8c8ace4070162b1a9c756485fb25b',
  },
  {
    path: 'call-forwarding-signal/0.4.0/call-forwarding-signal.yaml',
    repository: 'CallForwardingSignal',
    release: 'r3.3',
    commit: 'e7629fa72b58f6c912fd5b7e3f4dd6b083a1a955',
    source: `${API_DEFINITIONS}/call-forwarding-signal.yaml`,
    sha256: '553015e6d917ad0c137e284747ca33d8d2558ef4af1bdc344f1c4c4b76ffbaf4',
  },
  {
    path: 'device-swap/1.0.0/device-swap.yaml',
    repository: 'DeviceSwap',
    release: 'r3.2',
    commit: '12d431130b84ee4ed392c2c22407f86243cf8651',
    source: `${API_DEFINITIONS}/device-swap.yaml`,
    sha256: '03be7d2352c1065181983d7f4e0e0cbef678443e7903f47b02cee05fb7281a96',
  },
  {
    path: 'device-reachability-status/1.1.0/device-reachability-status.yaml',
    repository: 'DeviceReachabilityStatus',
    release: 'r1.2',
    commit: 'd958ab75b347d50d9eefd20142e6e6093b74cb62',
    source: `${API_DEFINITIONS}/device-reachability-status.yaml`,
    sha256: '522514fe2af8c4fafaa008a4eaf386259ce870ca579b50ac38250794b6b7e456',
  },
  {
    path: 'device-roaming-status/1.1.0/device-roaming-status.yaml',
    repository: 'DeviceRoamingStatus',
    release: 'r1.2',
    commit: '732c854a78c2955c21e326669496f4e70cb1156a',
    source: `${API_DEFINITIONS}/device-roaming-status.yaml`,
    sha256: 'ce5cca244cdbee238a5107da30e4f35d81cc02e6d67e44eb30a6f1c341ba1bd4',
  },
];

/** The raw file at its pinned commit (the commit, not the tag: a tag can be moved, a commit cannot). */
export function downloadUrlOf(file: OfficialSpecFile): string {
  return `https://raw.githubusercontent.com/camaraproject/${file.repository}/${file.commit}/${file.source}`;
}
