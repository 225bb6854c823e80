import { normaliseName, unpinnedInstalls } from '../../src/detectors/install';

const ignore = new Set(['pip', 'setuptools', 'wheel']);
/** The unpinned packages of a command line, `!` for a redirected specifier. */
const unpinned = (line: string): string[] => unpinnedInstalls(line, { ignore }).flatMap((install) => [...install.packages, ...install.redirected.map((spec) => `!${spec}`)]);

describe('unpinned installs in a shell command line', () => {
  it.each<[string, string[]]>([
    ['pip install pandas', ['pandas']],
    ['pip3 install -q -U pandas numpy==1.2 "scipy>=1" tqdm~=4.0 \'rich!=13.0\'', ['pandas']],
    ['pip -q install boto', ['boto']],
    ['{sys.executable} -m pip install xgboost', ['xgboost']],
    ['python3.11 -m pip install --user lightgbm', ['lightgbm']],
    ['/opt/conda/bin/python -m pip install catboost', ['catboost']],
    ['uv pip install polars', ['polars']],
    ['sudo -H pip install boto3', ['boto3']],
    ['PIP_NO_CACHE_DIR=1 pip install httpx', ['httpx']],
    ['cd src && pip install lightgbm; pip install shap | tee log', ['lightgbm', 'shap']],
    ['pip install foo \\\n  bar==1', ['foo']],
    ['pip install gym[box2d]', ['gym[box2d]']],
    ['pip install -i https://pypi.org/simple --extra-index-url https://x/simple foo', ['foo']],
    ['pip install x > /dev/null 2>&1', ['x']],
    ['pip install -q ipywidgets # for the widgets', ['ipywidgets']],
    ['pip install git+https://github.com/a/b.git', ['git+https://github.com/a/b.git']],
    ['pip install git+https://token@github.com/a/b.git#egg=b', ['git+https://token@github.com/a/b.git#egg=b']],
    ['pip install numpy>=1.2', ['!numpy>=1.2']],
    ['conda install -c conda-forge -y numpy scipy=1.2 "pandas>=2" conda-forge::xarray', ['numpy', 'xarray']],
    ['mamba install --name env -q geopandas', ['geopandas']],
  ])('%s', (line, expected) => {
    expect(unpinned(line)).toEqual(expected);
  });

  it.each([
    'pip install -r requirements.txt',
    'pip install -rrequirements.txt',
    'pip install --requirement=reqs.txt',
    'pip install -c constraints.txt -r reqs.txt',
    'pip install .',
    'pip install -e .',
    'pip install --editable ../lib',
    'python -m pip install -e .[dev]',
    'pip install ./dist/foo-1.0-py3-none-any.whl',
    'pip install foo-1.0.tar.gz',
    'pip install /abs/path/pkg',
    'pip install https://files.example.org/pkg-1.0.tar.gz',
    'pip install git+https://github.com/a/b.git@v1.0',
    'pip install pkg @ https://x/y.whl',
    'pip install "pkg @ git+https://github.com/a/b@main"',
    'pip install numpy<2',
    'pip install {package}',
    'pip install $PKG ${OTHER} $(cat pkgs)',
    'pip install --upgrade pip',
    'pip install -U pip setuptools wheel',
    'pip install --no-index --find-links ./wheels foo',
    'pip uninstall -y pandas',
    'pip show pandas',
    'pip download pandas',
    'pip freeze > requirements.txt',
    'pip list',
    'python -c "import pip"',
    'python script.py install pandas',
    'conda install --file env.txt',
    'conda install numpy=1.26 "scipy 1.11.*" pandas[version=">=2"]',
    'conda env update -f environment.yml',
    'conda create -n env python=3.11',
    'apt-get install -y graphviz',
    'npm install -g prettier',
    'echo pip install pandas',
  ])('silent: %s', (line) => {
    expect(unpinned(line)).toEqual([]);
  });

  it('normalises names as PEP 503 does, without extras or channel', () => {
    expect(normaliseName('Scikit_Learn[all]')).toBe('scikit-learn');
    expect(normaliseName('conda-forge::ruamel.yaml')).toBe('ruamel-yaml');
  });

  it('names the command', () => {
    expect(unpinnedInstalls('mamba install x', { ignore }).map((i) => i.command)).toEqual(['mamba install']);
    expect(unpinnedInstalls('uv pip install x && python -m pip install y', { ignore }).map((i) => i.command)).toEqual(['uv pip install', 'pip install']);
  });
});
