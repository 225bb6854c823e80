import { installedDistributions, readEnvironmentYml, readPipfile, readPyproject, readRequirements, readSetupCfg, REQUIREMENTS_FILE } from '../../../src/detectors/python/dependency-files';
import { isProvided, normalizeDistribution, suggestedDistribution } from '../../../src/detectors/python/distributions';
import { stdlibStatus } from '../../../src/detectors/python/stdlib';

const declared = (...names: string[]): Set<string> => new Set(names.map(normalizeDistribution));

describe('import names and distributions', () => {
  it('matches an import to a distribution of its own name, normalised', () => {
    expect(isProvided('numpy', declared('NumPy'))).toBe(true);
    expect(isProvided('typing_extensions', declared('typing-extensions'))).toBe(true);
    expect(isProvided('ruamel.yaml', declared('ruamel.yaml'))).toBe(true);
    expect(isProvided('numpy', declared('pandas'))).toBe(false);
  });

  it('knows the common imports whose distribution has another name', () => {
    const pairs: [string, string][] = [
      ['sklearn.linear_model', 'scikit-learn'],
      ['cv2', 'opencv-python-headless'],
      ['PIL.Image', 'Pillow'],
      ['yaml', 'PyYAML'],
      ['bs4', 'beautifulsoup4'],
      ['dateutil.parser', 'python-dateutil'],
      ['google.protobuf', 'protobuf'],
      ['mpl_toolkits.mplot3d', 'matplotlib'],
      ['torch', 'pytorch'],
      ['win32api', 'pywin32'],
      ['fitz', 'PyMuPDF'],
    ];
    for (const [module, distribution] of pairs) expect([module, isProvided(module, declared(distribution))]).toEqual([module, true]);
    expect(isProvided('sklearn', declared('sklearn-pandas'))).toBe(false);
    expect(suggestedDistribution('sklearn.svm')).toBe('scikit-learn');
    expect(suggestedDistribution('google.cloud.storage')).toBe('google-cloud-storage');
    expect(suggestedDistribution('requests')).toBe('requests');
  });

  it('applies the usual affixes, build variants and namespace packages', () => {
    expect(isProvided('serial', declared('pyserial'))).toBe(true);
    expect(isProvided('dotenv', declared('python-dotenv'))).toBe(true);
    expect(isProvided('psycopg2', declared('psycopg2-binary'))).toBe(true);
    expect(isProvided('google.cloud.bigquery', declared('google-cloud-bigquery'))).toBe(true);
    expect(isProvided('azure.storage.blob', declared('azure-storage-blob'))).toBe(true);
    expect(isProvided('google.cloud.bigquery', declared('googlemaps'))).toBe(false);
  });
});

describe('the standard library per Python version', () => {
  it('has every version\'s modules, and what some versions lack', () => {
    expect(stdlibStatus('os', [3, 12])).toEqual({ kind: 'stdlib' });
    expect(stdlibStatus('imp', [3, 11])).toEqual({ kind: 'stdlib' });
    expect(stdlibStatus('imp', [3, 12])).toEqual({ kind: 'removed', since: '3.12' });
    expect(stdlibStatus('asynchat', [3, 13])).toEqual({ kind: 'removed', since: '3.12' });
    expect(stdlibStatus('telnetlib', [3, 13])).toEqual({ kind: 'removed', since: '3.13' });
    expect(stdlibStatus('tomllib', [3, 10])).toEqual({ kind: 'added', since: '3.11' });
    expect(stdlibStatus('tomllib', [3, 11])).toEqual({ kind: 'stdlib' });
    expect(stdlibStatus('urllib2', [3, 11])).toEqual({ kind: 'python2' });
    expect(stdlibStatus('urllib2', [2, 7])).toEqual({ kind: 'stdlib' });
    expect(stdlibStatus('numpy', [3, 11])).toEqual({ kind: 'not-stdlib' });
  });

  it('counts a module of any version when the notebook does not say its version', () => {
    for (const module of ['imp', 'distutils', 'asynchat', 'tomllib', 'zoneinfo', 'urllib2']) expect(stdlibStatus(module, undefined)).toEqual({ kind: 'stdlib' });
  });
});

describe('dependency files', () => {
  it('reads requirement lines: specifiers, extras, markers, URLs, options and includes', () => {
    const text = [
      '# comment',
      'pandas>=2.0,<3  # inline comment',
      'Pillow[avif]',
      'requests ; python_version >= "3.8"',
      'scikit_learn==1.4',
      'mypkg @ https://example.com/mypkg-1.0.tar.gz',
      'git+https://github.com/org/tool.git#egg=the-tool',
      '-e git+https://github.com/org/other.git@main#egg=other_tool',
      '-e .',
      'https://storage.example.com/tensorflow-0.11.0-cp35-cp35m-linux_x86_64.whl',
      './dist/my_lib-2.0.1.tar.gz',
      'https://github.com/org/project/tarball/master',
      './local/path',
      '--index-url https://pypi.example.com/simple',
      '-c constraints.txt',
      '-r base.txt',
      '--requirement=dev.txt',
      'numpy==1.26 \\',
      '    --hash=sha256:abc',
    ].join('\n');
    expect(readRequirements(text)).toEqual({
      distributions: ['pandas', 'pillow', 'requests', 'scikit-learn', 'mypkg', 'the-tool', 'other-tool', 'tensorflow', 'my-lib', 'numpy'],
      includes: ['base.txt', 'dev.txt'],
    });
  });

  it('names requirement files', () => {
    for (const name of ['requirements.txt', 'requirements-dev.txt', 'dev-requirements.txt', 'requirements_test.txt', 'requirements.in', 'Requirements.txt']) expect([name, REQUIREMENTS_FILE.test(name)]).toEqual([name, true]);
    for (const name of ['requirements.py', 'myrequirements.txt', 'requirements.txt.bak']) expect([name, REQUIREMENTS_FILE.test(name)]).toEqual([name, false]);
  });

  it('says when a file declares nothing, so the search goes on', () => {
    expect(readPyproject('[tool.black]\nline-length = 88\n')).toBeUndefined();
    expect(readPyproject('[project]\nname = "x"\ndynamic = ["dependencies", "version"]\n')).toBeUndefined();
    expect(readPyproject('[project]\nname = "x"\n')).toEqual({ distributions: [], includes: [], projectName: 'x' });
    expect(readSetupCfg('[metadata]\nname = x\n[flake8]\nmax-line-length = 100\n')).toBeUndefined();
    expect(readPipfile('[requires]\npython_version = "3.11"\n')).toBeUndefined();
    expect(readEnvironmentYml('name: x\nchannels: [defaults]\n')).toBeUndefined();
  });

  it('reads dependency groups and setup.cfg extras', () => {
    expect(readPyproject('[dependency-groups]\ntest = ["pytest>=8", {include-group = "lint"}]\nlint = ["ruff"]\n')!.distributions).toEqual(['pytest', 'ruff']);
    expect(readSetupCfg('[options.extras_require]\nplot =\n    matplotlib\n    seaborn\n')!.distributions).toEqual(['matplotlib', 'seaborn']);
    expect(readSetupCfg('[options]\ninstall_requires = file: requirements.txt\n')).toEqual({ distributions: [], includes: ['requirements.txt'] });
  });

  it('reads what a notebook installs itself', () => {
    expect(installedDistributions('!pip install -q pandas "scikit-learn>=1.4" -r reqs.txt --index-url https://x.example/simple torch')).toEqual(['pandas', 'scikit-learn', 'torch']);
    expect(installedDistributions('%pip install git+https://github.com/org/x.git#egg=xtool')).toEqual(['xtool']);
    expect(installedDistributions('%conda install -c conda-forge -y geopandas')).toEqual(['geopandas']);
    expect(installedDistributions('!python -m pip install seaborn && echo done')).toEqual(['seaborn']);
    expect(installedDistributions('!pip list')).toEqual([]);
  });
});
